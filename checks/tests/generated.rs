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
    common::xtask(&["generate", "--check"]);
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
