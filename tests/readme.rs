//! The README's C example compiles as written and prints what the README says.

mod common;

use std::fs;
use std::process::Command;

#[test]
fn c_example_prints_what_the_readme_says() {
    let readme = fs::read_to_string(common::root().join("README.md")).unwrap();
    let source = common::fenced_block(&readme, "## Using it from C", "c");
    let expected = common::fenced_block(&readme, "\nprints\n", "text");
    let dir = common::scratch("readme-c-example");
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
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
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
    let dir = common::scratch("readme-retry-example");
    fs::write(dir.join("retry.c"), source).unwrap();
    let lib = common::profile_dir();
    common::run(
        Command::new("cc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .arg("-I")
            .arg(common::root().join("include"))
            .arg(dir.join("retry.c"))
            .arg(format!("-L{}", lib.display()))
            .arg("-liot_error_codes")
            .arg(format!("-Wl,-rpath,{}", lib.display()))
            .arg("-o")
            .arg(dir.join("retry")),
    );
    let out = common::run(&mut Command::new(dir.join("retry")));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}
