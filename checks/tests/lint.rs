//! The code is kept as `cargo fmt` leaves it and as `cargo clippy` wants it,
//! for every target of every workspace member, warnings denied: the full test
//! command (`cargo xtask check all`, which `.ci/run` runs) checks both.

use iot_error_codes_checks as common;

use std::process::Command;

fn cargo_tool(args: &[&str]) -> Option<std::process::Output> {
    let tool = args[0];
    let available = Command::new(env!("CARGO"))
        .args([tool, "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        common::skip(&format!(
            "cargo {tool} is not installed (`rustup component add {tool}`)"
        ));
        return None;
    }
    Some(common::run(
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", common::nested_target_dir("clippy")),
    ))
}

#[test]
fn formatted_as_cargo_fmt_leaves_it() {
    cargo_tool(&["fmt", "--all", "--check"]);
}

#[test]
fn clippy_finds_nothing() {
    cargo_tool(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--offline",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]);
}
