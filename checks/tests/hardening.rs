//! Hardening: bounded reads against guard pages, a 16-thread stress test, the C
//! and C++ API tests under AddressSanitizer + UndefinedBehaviorSanitizer, the
//! stress test under ThreadSanitizer, and a bounded libFuzzer run of every fuzz
//! target (`fuzz/run`, about 60 s).
//!
//! The C programs print "N passed, N failed" last; a sanitizer report, a touched
//! guard page or a differing result fails the test with everything they printed.

use common::result_line;
use iot_error_codes_checks as common;

use std::path::Path;
use std::process::{Command, Output};

use common::Link;

/// Flags for each sanitizer build: stop at the first report, keep stacks readable.
const ASAN_UBSAN: &[&str] = &[
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
];
const TSAN: &[&str] = &["-fsanitize=thread"];

/// Run-time options: any report ends the program with a non-zero status.
const SANITIZER_ENV: &[(&str, &str)] = &[
    (
        "ASAN_OPTIONS",
        "detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1",
    ),
    ("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1"),
    ("TSAN_OPTIONS", "halt_on_error=1:second_deadlock_stack=1"),
];

/// What a sanitizer prints when it reports something.
const SANITIZER_REPORTS: &[&str] = &["Sanitizer", "runtime error:"];

/// Runs a test program; it must exit 0, end with "N passed, 0 failed" and
/// print no sanitizer report. Returns its stdout.
fn run_clean(exe: &Path, args: &[&str]) -> String {
    let out: Output = common::run(Command::new(exe).args(args).envs(SANITIZER_ENV.iter().copied()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report = SANITIZER_REPORTS.iter().find(|r| stderr.contains(*r));
    assert!(report.is_none(), "{exe:?} printed a sanitizer report:\n{stderr}");
    result_line::assert_passed(&format!("{exe:?} (stderr: {stderr})"), &out.stdout, 1);
    print!("{}: {stdout}", exe.file_name().unwrap().to_string_lossy());
    stdout
}

/// The spec file, the oracle the API tests parse.
fn spec() -> String {
    common::spec_path().display().to_string()
}

#[test]
fn guard_pages_prove_reads_are_bounded() {
    let exe = common::compile(
        "guard_page",
        "cc",
        "-std=c11",
        "checks/c/guard_page.c",
        &[],
        Link::Shared,
    );
    run_clean(&exe, &[]);

    // The guard pages are live: a read of one is caught and reported, not missed.
    let out = Command::new(&exe).env("GUARD_PAGE_SELF_TEST", "1").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("touched a guard page"),
        "the guard page self-test was not caught: {stderr}"
    );

    let sanitized = common::compile(
        "guard_page_asan",
        "cc",
        "-std=c11",
        "checks/c/guard_page.c",
        ASAN_UBSAN,
        Link::Static,
    );
    run_clean(&sanitized, &[]);
}

#[test]
fn sixteen_threads_get_the_single_threaded_answers() {
    let exe = common::compile("stress", "cc", "-std=c11", "checks/c/stress.c", &["-O2"], Link::Shared);
    let stdout = run_clean(&exe, &["16", "1000000"]);
    assert!(stdout.contains("16000000 results, 0 differ"), "{stdout}");
}

#[test]
fn stress_test_under_thread_sanitizer() {
    let exe = common::compile("stress_tsan", "cc", "-std=c11", "checks/c/stress.c", TSAN, Link::Shared);
    let stdout = run_clean(&exe, &["16", "1000000"]);
    assert!(stdout.contains("16000000 results, 0 differ"), "{stdout}");
    // The C++ API test's own threads too (16 threads, 20 rounds over every code).
    let cpp = common::compile(
        "cpp_api_tsan",
        "c++",
        "-std=c++11",
        "checks/cpp/api_test.cpp",
        TSAN,
        Link::Shared,
    );
    run_clean(&cpp, &[&spec(), "20"]);
}

#[test]
fn c_and_cpp_api_tests_under_address_and_undefined_behavior_sanitizers() {
    let spec = spec();
    for link in [Link::Shared, Link::Static] {
        let suffix = match link {
            Link::Shared => "shared",
            Link::Static => "static",
        };
        let c = common::compile(
            &format!("c_api_asan_{suffix}"),
            "cc",
            "-std=c99",
            "checks/c/api_test.c",
            ASAN_UBSAN,
            link,
        );
        run_clean(&c, &[&spec]);
        let cpp = common::compile(
            &format!("cpp_api_asan_{suffix}"),
            "c++",
            "-std=c++11",
            "checks/cpp/api_test.cpp",
            ASAN_UBSAN,
            link,
        );
        run_clean(&cpp, &[&spec]);
    }
}

/// Whether `cargo +nightly` works. libFuzzer builds need the nightly toolchain;
/// under CI its absence fails the test, elsewhere the test says it skipped.
fn nightly_available() -> bool {
    let ok = Command::new("cargo")
        .args(["+nightly", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        common::skip(
            "the nightly Rust toolchain is not installed: the fuzz targets need it \
             (cargo-fuzz builds with -Zsanitizer=address). Install it with \
             `rustup toolchain install nightly --profile minimal` (bash .ci/run does)",
        );
    }
    ok
}

#[test]
fn fuzz_targets_hold_for_a_bounded_run() {
    if !nightly_available() || !common::require("cargo-fuzz") {
        return;
    }
    let target_dir = common::nested_target_dir("fuzz");
    let out = common::run(
        Command::new(common::root().join("fuzz/run"))
            .arg("15") // seconds per target; four targets
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("FUZZ_OUT", target_dir.join("out")),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    let clean: Vec<&str> = stdout.lines().filter(|l| l.ends_with(", no failure")).collect();
    for target in ["describe_n", "describe", "describe_lang", "category"] {
        let line = clean
            .iter()
            .find(|l| l.starts_with(&format!("fuzz/run: {target}: ")))
            .unwrap_or_else(|| {
                panic!(
                    "fuzz target {target} did not report a clean run:\n{stdout}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                )
            });
        let runs: u64 = line.split_whitespace().nth(2).and_then(|n| n.parse().ok()).unwrap_or(0);
        assert!(runs >= 10_000, "fuzz target {target} ran only {runs} inputs: {line}");
    }
}
