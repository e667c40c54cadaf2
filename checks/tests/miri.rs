//! The unsafe code under Miri: the crate's unit tests (`cargo +nightly miri
//! test -p iot-error-codes --lib`), which call every `extern "C"` function of
//! `src/ffi.rs` with raw pointers into allocations of exactly the bytes the
//! contract allows, and the JNI entry points of `src/jni.rs` against a fake JVM.
//! Miri reports a read one byte past an allocation, a dangling or misaligned
//! pointer, a use of a deleted reference's memory and a leak, as undefined
//! behaviour, where a native run would pass by luck.
//!
//! Needs the nightly toolchain with its `miri` and `rust-src` components;
//! `.ci/run` installs them. About two minutes once Miri's sysroot is built
//! (the first run builds it too, about a minute more).

use iot_error_codes_checks as common;

use std::process::Command;

/// MIRIFLAGS for the run: integers cast to pointers have no provenance, so a
/// pointer made up from an address is reported (the fake JVM's references are
/// made with `ptr::without_provenance`, never dereferenced).
const MIRIFLAGS: &str = "-Zmiri-strict-provenance";

/// Tests that must have run under Miri, so that a feature or `cfg` change that
/// compiles them out fails here instead of passing with nothing checked.
const MUST_RUN: &[&str] = &[
    "ffi::tests::every_code_through_every_function_agrees_with_the_rust_api",
    "ffi::tests::unterminated_buffers_of_max_len_plus_one_are_rejected_in_bounds",
    "ffi::tests::n_functions_read_exactly_len_bytes",
    "ffi::tests::null_for_every_pointer_argument",
    "ffi::tests::language_follows_the_rust_rule_and_reads_at_most_three_bytes",
    "jni::tests::with_a_fake_jvm::catalog_is_the_rust_api_row_by_row",
    "jni::tests::with_a_fake_jvm::out_of_memory_anywhere_gives_null_and_leaks_nothing",
    "jni::tests::with_a_fake_jvm::on_load_registers_the_natives_or_leaves_nothing_pending",
];

/// Whether the nightly toolchain has the components Miri needs; says what is
/// missing and how to get it otherwise (a failure under CI).
fn miri_available() -> bool {
    let how = "rustup toolchain install nightly --profile minimal && \
               rustup component add miri rust-src --toolchain nightly (bash .ci/run does)";
    let listed = Command::new("rustup")
        .args(["component", "list", "--installed", "--toolchain", "nightly"])
        .output();
    let installed = match listed {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(_) => {
            common::skip(&format!("Miri: the nightly toolchain is not installed: {how}"));
            return false;
        }
        Err(_) => {
            common::skip(&format!(
                "Miri: rustup is not installed, so no nightly toolchain: {how}"
            ));
            return false;
        }
    };
    let missing: Vec<&str> = ["miri", "rust-src"]
        .into_iter()
        .filter(|c| !installed.lines().any(|l| l == *c || l.starts_with(&format!("{c}-"))))
        .collect();
    if !missing.is_empty() {
        common::skip(&format!(
            "Miri: nightly lacks the component(s) {}: {how}",
            missing.join(", ")
        ));
        return false;
    }
    true
}

#[test]
fn unit_tests_pass_under_miri() {
    if !miri_available() {
        return;
    }
    let out = common::run(
        Command::new("cargo")
            .args(["+nightly", "miri", "test", "-p", "iot-error-codes", "--lib"])
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", common::nested_target_dir("miri"))
            .env("MIRIFLAGS", MIRIFLAGS)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for test in MUST_RUN {
        assert!(
            stdout.contains(&format!("test {test} ... ok")),
            "{test} did not pass under Miri:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("test result: ok."))
        .unwrap_or_default();
    println!("under Miri ({MIRIFLAGS}): {summary}");
}
