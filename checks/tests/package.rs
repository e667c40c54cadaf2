//! The crate as it would be published: `cargo package` succeeds, the packaged
//! crate builds on its own (it carries the spec and names.tsv), its
//! documentation builds without warnings, and it builds with the Rust of its
//! `rust-version`.

use iot_error_codes_checks as common;

use std::process::Command;

fn cargo(args: &[&str], label: &str) -> std::process::Output {
    common::run(
        Command::new(env!("CARGO"))
            .args(args)
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", common::nested_target_dir(label))
            .env("RUSTDOCFLAGS", "-D warnings"),
    )
}

#[test]
fn the_packaged_crate_builds_on_its_own() {
    // Verifying builds the unpacked .crate in a directory of its own.
    let out = cargo(
        &[
            "package",
            "-p",
            "iot-error-codes",
            "--allow-dirty",
            "--offline",
            "--quiet",
        ],
        "package",
    );
    let crate_file = common::nested_target_dir("package")
        .join("package")
        .join(format!("iot-error-codes-{}.crate", env!("CARGO_PKG_VERSION")));
    assert!(crate_file.exists(), "no {}: {out:?}", crate_file.display());
    let list = cargo(
        &[
            "package",
            "-p",
            "iot-error-codes",
            "--allow-dirty",
            "--offline",
            "--list",
        ],
        "package",
    );
    let files = String::from_utf8(list.stdout).unwrap();
    for needed in [
        "build.rs",
        "src/catalog/names.tsv",
        "src/catalog/source.rs",
        "src/hash/key.rs",
        "README.md",
    ] {
        assert!(
            files.lines().any(|f| f == needed),
            "the package lacks {needed}:\n{files}"
        );
    }
    assert!(
        files
            .lines()
            .any(|f| f.starts_with("src/catalog/uws-error-codes-v") && f.ends_with(".md")),
        "the package lacks the spec:\n{files}"
    );
}

#[test]
fn the_documentation_builds_without_warnings() {
    cargo(
        &["doc", "--no-deps", "-p", "iot-error-codes", "--offline", "--quiet"],
        "doc",
    );
}

/// What a user of the oldest Rust we support builds: the crate as published
/// (the `.crate` that `cargo package` writes, which has no xtask and none of
/// the workspace's other members), with every feature, by that Rust's own
/// cargo. Its dependencies are resolved afresh for that Rust (the newest
/// versions whose `rust-version` it meets, as cargo's MSRV-aware resolver
/// picks them) into a lockfile of its own, and its cargo fetches them online
/// into its own index cache: nothing depends on what another cargo left there.
#[test]
fn the_crate_builds_with_its_rust_version() {
    let version = env!("CARGO_PKG_RUST_VERSION");
    assert!(!version.is_empty(), "Cargo.toml names no rust-version");
    let toolchain = format!("+{version}");
    let installed = Command::new("rustup")
        .args(["run", version, "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        common::skip(&format!(
            "the Rust {version} toolchain is not installed (`rustup toolchain install {version} --profile minimal`; .ci/run installs it)"
        ));
        return;
    }
    let work = common::nested_target_dir("rust-version");
    let _ = std::fs::remove_dir_all(&work);
    cargo(
        &[
            "package",
            "-p",
            "iot-error-codes",
            "--allow-dirty",
            "--offline",
            "--no-verify",
            "--quiet",
        ],
        "rust-version",
    );
    let name = format!("iot-error-codes-{}", env!("CARGO_PKG_VERSION"));
    let unpacked = work.join(&name);
    common::run(
        Command::new("tar")
            .arg("-xzf")
            .arg(work.join("package").join(format!("{name}.crate")))
            .arg("-C")
            .arg(&work),
    );
    let _ = std::fs::remove_file(unpacked.join("Cargo.lock"));
    common::run(
        Command::new(env!("CARGO"))
            .args(["generate-lockfile", "--quiet"])
            .current_dir(&unpacked)
            .env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback"),
    );
    // Through rustup's proxy, so that `+VERSION` picks the toolchain; without
    // the outer cargo's RUSTC and RUSTDOC, which name the newer Rust.
    common::run(
        Command::new("cargo")
            .args([toolchain.as_str(), "build", "--locked", "--quiet", "--all-features"])
            .current_dir(&unpacked)
            .env("CARGO_TARGET_DIR", work.join("target"))
            .env_remove("RUSTC")
            .env_remove("RUSTDOC")
            .env_remove("CARGO"),
    );
}
