//! The C and C++ API tests (checks/c/api_test.c, checks/cpp/api_test.cpp),
//! compiled with the system compilers against `include/` and linked once to
//! the shared and once to the static library, then run with the spec file as
//! their oracle; the shared builds run once more under valgrind.

use common::result_line;
use iot_error_codes_checks as common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Link;

/// Compiles `source` with `compiler` and the strictest warnings, linked as asked.
fn build(compiler: &str, std: &str, source: &str, link: Link) -> PathBuf {
    let name = Path::new(source).file_name().unwrap().to_str().unwrap();
    common::compile(&format!("{name}-{link:?}"), compiler, std, source, &["-pedantic"], link)
}

/// Runs a test program and checks it reports checks and no failures;
/// returns how many passed.
fn run(exe: &Path, extra: &[&str], valgrind: bool) -> u32 {
    let mut cmd = if valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "-q",
            "--error-exitcode=1",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
        ])
        .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let out = common::run(cmd.arg(common::spec_path()).args(extra));
    result_line::assert_passed(&exe.display().to_string(), &out.stdout, result_line::C_API_TEST_MINIMUM)
}

#[test]
fn c_against_shared_library() {
    let exe = build("cc", "-std=c99", "checks/c/api_test.c", Link::Shared);
    let vectors = vectors();
    run(&exe, &[&vectors], false);
    if common::require("valgrind") {
        run(&exe, &[&vectors], true);
    }
}

/// The counts of checks that README.md and docs/ give for the C and C++ API
/// tests are the ones these programs print.
#[test]
fn the_pages_count_the_checks_these_programs_make() {
    let c = common::api_test_native_count();
    let pages = common::figures::check_counts(&["C API test", "checks/c/api_test.c"], c);
    assert!(pages >= 3, "only {pages} counts of the C API test's checks found");
    // Its own build: the tests above build theirs at the same time.
    let flags = ["-pedantic"];
    let cpp = common::compile(
        "api_test.cpp-count",
        "c++",
        "-std=c++11",
        "checks/cpp/api_test.cpp",
        &flags,
        Link::Shared,
    );
    let cpp = run(&cpp, &[], false);
    let pages = common::figures::check_counts(&["checks/cpp/api_test.cpp"], cpp);
    assert!(pages >= 1, "no count of the C++ API test's checks found");
}

#[test]
fn c_against_static_library() {
    run(
        &build("cc", "-std=c99", "checks/c/api_test.c", Link::Static),
        &[&vectors()],
        false,
    );
}

/// tests/vectors.txt, which the C test reads besides the spec.
fn vectors() -> String {
    common::root().join("tests/vectors.txt").display().to_string()
}

#[test]
fn cpp_against_shared_library() {
    let exe = build("c++", "-std=c++11", "checks/cpp/api_test.cpp", Link::Shared);
    run(&exe, &[], false);
    if common::require("valgrind") {
        run(&exe, &["3"], true);
    }
}

#[test]
fn cpp_against_static_library() {
    run(
        &build("c++", "-std=c++11", "checks/cpp/api_test.cpp", Link::Static),
        &[],
        false,
    );
}
