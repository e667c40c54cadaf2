//! `cargo xtask abi [update] [--target TRIPLE]...`: the binary interface of
//! the C library against its baseline, `api/abi/<target>.xml`, with libabigail
//! (`abidw`, `abidiff`), as zlib-ng's `test/abicheck.sh` does for its library.
//!
//! `api/c-symbols.tsv` records the names and version nodes of the exported
//! functions; what no list records is their signatures. The baseline does: it
//! is `abidw`'s description of the library built with debug information,
//! every function with the types of its parameters and return value as the
//! DWARF gives them (Rust's: `usize` for `size_t`, `i32` for `int`, a pointer
//! to `i8` for `const char *`). `check` builds the library afresh, describes
//! it the same way, and fails on any difference `abidiff` reports, naming the
//! function: a changed return or parameter type, an added or removed
//! parameter, a removed function, a changed SONAME. `update` writes the fresh
//! description as the baseline, for a release that changes the ABI on purpose.
//!
//! The library described is the shipped one's C part, built for it alone by
//! `capi/build-lib.sh --debug-info --c-only` (the one place that knows how to
//! build the library for a target, and links every target with rust-lld):
//! - the `capi` package without its default `jni` feature, exporting the
//!   header's functions only: the JNI entry points are private between the
//!   JAR and the library it carries, and their `jni-sys` types would make the
//!   baseline fifty times longer;
//! - the release profile (the same code, link-time optimised) with
//!   `debug = 2` and nothing stripped, in a target directory of its own;
//! - with the checkout's and Cargo's paths remapped (`--remap-path-prefix`)
//!   and `abidw --no-corpus-path --no-comp-dir-path --no-show-locs`, so the
//!   baseline names no directory of the machine that wrote it: a checkout
//!   elsewhere, with another target directory, writes the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use crate::api;

/// Where the baselines are, one `<target>.xml` each.
pub const DIR: &str = "api/abi";
/// The targets with a baseline: the rows of capi/targets.tsv whose checks
/// column names `abi` (x86-64 and aarch64 Linux, which the JAR and the gateways use).
pub fn targets() -> Vec<String> {
    iot_error_codes_checks::targets::checked_by("abi")
        .into_iter()
        .map(|t| t.triple)
        .collect()
}
/// The command that refreshes the baselines, as errors and banners say it.
/// (A word, not an option: an XML comment, the baseline's banner, cannot hold "--".)
pub const UPDATE: &str = "cargo xtask abi update";

/// Builds and describes the library for each target and compares it with its
/// baseline; every difference, or an error, for each target that has one.
pub fn check(root: &Path, targets: &[&str]) -> Result<(), Vec<String>> {
    let mut failures = Vec::new();
    for target in targets {
        let baseline = root.join(DIR).join(format!("{target}.xml"));
        let result = describe(root, target).and_then(|fresh| compare(&baseline, &fresh));
        match result {
            Ok(()) => println!("abi: {target}: the same as {DIR}/{target}.xml"),
            Err(e) => failures.push(format!("{target}: {e}")),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

/// Writes each target's fresh description as its baseline; returns what it wrote.
pub fn update(root: &Path, targets: &[&str]) -> Result<Vec<String>, String> {
    let mut written = Vec::new();
    for target in targets {
        let fresh = describe(root, target)?;
        let path = format!("{DIR}/{target}.xml");
        fs::create_dir_all(root.join(DIR)).map_err(|e| format!("{DIR}: {e}"))?;
        fs::copy(&fresh, root.join(&path)).map_err(|e| format!("{path}: {e}"))?;
        written.push(path);
    }
    Ok(written)
}

/// `abidiff baseline fresh`: Ok when it reports nothing.
fn compare(baseline: &Path, fresh: &Path) -> Result<(), String> {
    if !baseline.is_file() {
        return Err(format!(
            "{} does not exist; write it with: {UPDATE}",
            baseline.display()
        ));
    }
    // --no-default-suppression: no suppression file of the machine hides a change.
    // --fail-no-debug-info: a description without types would compare only names.
    let out = Command::new("abidiff")
        .args(["--no-default-suppression", "--fail-no-debug-info"])
        .arg(baseline)
        .arg(fresh)
        .output()
        .map_err(|e| format!("cannot run abidiff ({e}); it is in Debian's abigail-tools"))?;
    // abidiff's exit status is a bit set: 1 an error, 2 a usage error, 4 an ABI
    // change, 8 an incompatible one (a removed function). Any bit fails: a
    // changed parameter type is only 4, and an added function changes the
    // baseline too.
    let status = out.status.code().unwrap_or(1);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let command = format!("abidiff {} {}", baseline.display(), fresh.display());
    match status {
        0 => Ok(()),
        _ if status & 3 != 0 => Err(format!("{command} failed (exit status {status}):\n{report}")),
        _ => Err(format!(
            "the ABI differs from the baseline ({command}: exit status {status}{}):\n{report}\
             If the change is intended (a release that changes the ABI says so in its SONAME), \
             refresh the baseline with:\n    {UPDATE}",
            if status & 8 != 0 { ", incompatible" } else { "" }
        )),
    }
}

/// Builds the library for `target` with debug information and writes its
/// `abidw` description; returns the description's path.
fn describe(root: &Path, target: &str) -> Result<PathBuf, String> {
    let target_dir = env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let out = target_dir.join("abi").join(target);
    let cargo_home = env::var_os("CARGO_HOME").map_or_else(
        || PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".cargo"),
        PathBuf::from,
    );
    // Cargo's encoding of RUSTFLAGS (flags apart by 0x1f), so that a path with a space stays one flag.
    let remap = format!(
        "--remap-path-prefix={}=.\x1f--remap-path-prefix={}=/cargo",
        root.display(),
        cargo_home.display()
    );
    let built = run(Command::new("bash")
        .arg(root.join("capi/build-lib.sh"))
        .args(["--debug-info", "--c-only", "--target", target, "--out"])
        .arg(&out)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CARGO_ENCODED_RUSTFLAGS", remap)
        .env_remove("RUSTFLAGS"))?;
    let lib = PathBuf::from(built.trim_end());

    let xml = out.join("abi.xml");
    run(Command::new("abidw")
        .args(["--no-corpus-path", "--no-comp-dir-path", "--no-show-locs", "--out-file"])
        .arg(&xml)
        .arg(&lib))?;
    let text = fs::read_to_string(&xml).map_err(|e| format!("{}: {e}", xml.display()))?;
    // Without the DWARF of a function abidiff would compare its name only.
    let undescribed: Vec<String> = api::header_functions(root)?
        .into_iter()
        .filter(|f| !text.contains(&format!("<function-decl name='{f}'")))
        .collect();
    if !undescribed.is_empty() {
        return Err(format!(
            "abidw found no debug information for {undescribed:?} in {}",
            lib.display()
        ));
    }
    // The banner goes inside the root element: abidiff recognises a file by its first line.
    let banner = format!(
        "  <!-- Generated by `{UPDATE}` (xtask/src/abi.rs): abidw's description of \
         libiot_error_codes.so for {target}. Do not edit.\n       Regenerate with: {UPDATE} -->\n"
    );
    let Some((root_line, rest)) = text.split_once('\n') else {
        return Err(format!("abidw wrote an empty description to {}", xml.display()));
    };
    fs::write(&xml, format!("{root_line}\n{banner}{rest}")).map_err(|e| format!("{}: {e}", xml.display()))?;
    Ok(xml)
}

/// Runs `cmd` and returns what it printed; an error with everything it printed if it fails.
fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    Err(format!(
        "{cmd:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}
