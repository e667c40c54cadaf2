//! The C examples of the documentation compile as written and print what the
//! page says (README.md, docs/c.md, docs/statuses.md), and the README's Quick
//! start lookup prints what it says.

use iot_error_codes_checks as common;

use std::fs;
use std::process::Command;

/// The text of `path`, a page of the documentation (from the repository root).
fn page(path: &str) -> String {
    fs::read_to_string(common::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Compiles the C program `source` (a block of a page) strictly against the
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

/// The README's short C example.
#[test]
fn readme_c_example_prints_what_the_readme_says() {
    let readme = page("README.md");
    let source = common::fenced_block(&readme, "## Examples", "c");
    let expected = common::fenced_block(&readme, "\nprints\n", "text");
    assert_eq!(compile_and_run_c("readme-c-example", source), expected);
}

/// The C page's example, compiled as the page says it is built.
#[test]
fn c_page_example_prints_what_the_page_says() {
    let c = page("docs/c.md");
    let source = common::fenced_block(&c, "## An example", "c");
    let build = common::fenced_block(&c, "## An example", "sh");
    assert!(
        build.contains("-Iinclude example.c -Ltarget/release -liot_error_codes"),
        "{build}"
    );
    let expected = common::fenced_block(&c, "\nprints\n", "text");
    assert_eq!(compile_and_run_c("c-page-example", source), expected);
}

#[test]
fn quick_start_lookup_prints_what_the_readme_says() {
    let readme = page("README.md");
    let quick = common::fenced_block(&readme, "## Quick start", "sh");
    assert!(quick.contains("cargo run --release --example describe -- D00004 --lang en"));
    assert!(readme.contains("cargo xtask check all"));
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
        readme.contains(&format!("prints `{line}`")),
        "README should show {line:?}"
    );
}

/// The C retry loop of "Acting on a retCode" compiles as written and prints what the page says.
#[test]
fn c_retry_example_prints_what_the_page_says() {
    let statuses = page("docs/statuses.md");
    let section = &statuses[statuses.find("## In C").expect("the C section")..];
    let source = common::fenced_block(section, "", "c");
    let expected = common::fenced_block(section, "\nprints\n", "text");
    assert_eq!(compile_and_run_c("readme-retry-example", source), expected);
}

/// The C page's comparison idiom honours case-insensitivity: completed by a
/// harness (a `handle` function around it and a counting `refresh_token`), it
/// refreshes for `D00004` and `d00004` and for nothing else.
#[test]
fn c_page_comparison_ignores_case() {
    let c = page("docs/c.md");
    let fragment = common::fenced_block(&c, "Compare codes by what the", "c");
    let program = format!(
        "#include <stdio.h>\n#include <string.h>\n\n#include \"iot_error_codes.h\"\n\n\
         static int refreshed = 0;\nstatic void refresh_token(void) {{ refreshed++; }}\n\n\
         static void handle(const char *ret_code) {{\n{fragment}}}\n\n\
         int main(void) {{\n    const char *codes[] = {{\"D00004\", \"d00004\", \"D00006\", \"00000\", \"X\", NULL}};\n\
         \x20   size_t i;\n    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)\n        handle(codes[i]);\n\
         \x20   printf(\"%d\\n\", refreshed);\n    return 0;\n}}\n"
    );
    assert_eq!(compile_and_run_c("c-page-comparison", &program), "2\n");
}
