//! The README's C examples compile as written and print what the README says,
//! and its Quick start lookup prints what it says.

use iot_error_codes_checks as common;

use std::fs;
use std::process::Command;

/// Compiles the C program `source` (a README block) strictly against the
/// library built for the tests, runs it, and returns what it printed.
fn compile_and_run_c(label: &str, source: &str) -> String {
    let dir = common::scratch(label);
    fs::write(dir.join("example.c"), source).unwrap();
    let lib = common::profile_dir();
    common::run(
        Command::new("cc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .arg("-I")
            .arg(common::root().join("include"))
            .arg(dir.join("example.c"))
            .arg(format!("-L{}", lib.display()))
            .arg("-liot_error_codes")
            .arg(format!("-Wl,-rpath,{}", lib.display()))
            .arg("-o")
            .arg(dir.join("example")),
    );
    let out = common::run(&mut Command::new(dir.join("example")));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn c_example_prints_what_the_readme_says() {
    let readme = fs::read_to_string(common::root().join("README.md")).unwrap();
    let source = common::fenced_block(&readme, "## Using it from C", "c");
    let expected = common::fenced_block(&readme, "\nprints\n", "text");
    assert_eq!(compile_and_run_c("readme-c-example", source), expected);
}

#[test]
fn quick_start_lookup_prints_what_the_readme_says() {
    let readme = fs::read_to_string(common::root().join("README.md")).unwrap();
    let quick = common::fenced_block(&readme, "## Quick start", "sh");
    assert!(quick.contains("cargo run --release --example describe -- D00004 --lang en"));
    assert!(quick.contains("cargo test"));
    let out = common::run(
        Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "--offline",
                "--example",
                "describe",
                "--",
                "D00004",
                "--lang",
                "en",
            ])
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", common::nested_target_dir("lib")),
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let line = printed.trim_end();
    assert!(
        readme.contains(&format!("The first prints `{line}`")),
        "README should show {line:?}"
    );
}

/// The C retry loop of "Acting on a retCode" compiles as written and prints what the README says.
#[test]
fn c_retry_example_prints_what_the_readme_says() {
    let readme = fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Acting on a retCode").expect("the section")..];
    let source = common::fenced_block(section, "In C", "c");
    let expected = common::fenced_block(section, "\nprints\n", "text");
    assert_eq!(compile_and_run_c("readme-retry-example", source), expected);
}
