//! Every committed generated file must equal a fresh generation.
//!
//! `cargo xtask generate` writes them from src/catalog/ and their templates:
//! the C header, the catalog page docs/catalog.md, and the Python and Java
//! files. This runs `cargo xtask generate --check`, which fails on a hand edit
//! of one of them, or on a change to a source without a refresh. Refresh them
//! all with:
//!
//!     cargo xtask generate

use iot_error_codes_checks as common;

use std::process::Command;

#[test]
fn generated_files_are_current() {
    // The `cargo xtask` alias (.cargo/config.toml) spelled out, with a target
    // directory of its own so that it does not wait for the outer cargo's lock.
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--package", "xtask", "--", "generate", "--check"])
        .current_dir(common::root())
        .env("CARGO_TARGET_DIR", common::nested_target_dir("xtask"))
        .output()
        .expect("cannot run cargo");
    assert!(
        out.status.success(),
        "cargo xtask generate --check failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The generator's own unit tests (template filling, string literals, version
/// nodes): xtask is not a default member, so plain `cargo test` would skip them.
#[test]
fn the_generators_own_tests_pass() {
    common::run(
        Command::new(env!("CARGO"))
            .args(["test", "--quiet", "--package", "xtask"])
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", common::nested_target_dir("xtask")),
    );
}
