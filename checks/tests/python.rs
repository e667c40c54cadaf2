//! The Python binding's unittest suite (bindings/python/tests), run by `cargo
//! xtask check python`.
//!
//! The suite runs against the shared library the check builds first (a nested
//! `cargo build --lib`, [`common::shared_lib`]), so an edit is never tested
//! against a stale one. The
//! test that pip-installs the package into a fresh virtual environment builds
//! the library again (release, through setup.py's cargo step), so it is a test
//! of its own here, and its cost shows on its own line; the suite leaves it out
//! (IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST). Both runs print how many Python
//! tests ran and which were skipped; under CI (`CI` set) a skip fails.

use iot_error_codes_checks as common;
use iot_error_codes_checks::unittest_report;

use std::path::PathBuf;
use std::process::{Command, Output};

fn python_dir() -> PathBuf {
    common::root().join("bindings/python")
}

/// `python3 -m unittest ARGS` in bindings/python, printing unittest's report.
fn unittest(args: &[&str], configure: impl FnOnce(&mut Command)) -> Output {
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "unittest"]).args(args).current_dir(python_dir());
    cmd.env("PYTHONDONTWRITEBYTECODE", "1").env_remove("PYTHONPATH");
    // The crate's version, so that the Python tests need not parse Cargo.toml.
    cmd.env("IOT_ERROR_CODES_EXPECTED_VERSION", env!("CARGO_PKG_VERSION"));
    cmd.env(common::SPEC_VAR, common::spec_path());
    configure(&mut cmd);
    let out = common::run(&mut cmd);
    // unittest reports on stderr; show it under `cargo test -- --nocapture`.
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn python_unittest_suite() {
    if !common::require("python3") {
        return;
    }
    let out = unittest(&["discover", "-v", "-s", "tests", "-t", "."], |cmd| {
        cmd.env("IOT_ERROR_CODES_LIBRARY", common::shared_lib())
            .env("IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST", "1");
    });
    let report = String::from_utf8_lossy(&out.stderr);
    let ran = unittest_report::ran_and_skipped(&report);
    assert!(ran >= 50, "only {ran} Python tests ran:\n{report}");
    eprintln!("(the pip install test is left out here: python_pip_install_into_fresh_venv runs it)");
}

#[test]
fn python_pip_install_into_fresh_venv() {
    if !common::require("python3") {
        return;
    }
    let out = unittest(&["-v", "tests.test_install"], |cmd| {
        cmd.env("CARGO_TARGET_DIR", common::nested_target_dir("python-venv"))
            .env_remove("IOT_ERROR_CODES_LIBRARY")
            .env_remove("IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST");
    });
    let report = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        unittest_report::ran_and_skipped(&report),
        1,
        "the install test did not run:\n{report}"
    );
    assert!(report.contains("\nOK\n"), "the install test did not pass:\n{report}");
}
