//! The Python package builds with the newest setuptools on PyPI and with the
//! lowest one bindings/python/pyproject.toml allows, with setuptools'
//! deprecation warnings turned into errors (executes the build: sdist, then
//! the wheel from the unpacked sdist, as `pip` builds it where no wheel fits).
//!
//! A deprecation setuptools announces (as it announced, for 2027-02-18, the
//! end of `project.license` as a table) fails here, not later in a user's
//! `pip install`. The newest release must also lie inside the range
//! pyproject.toml declares: when PyPI ships one above the upper bound and this
//! check passes with it, the bound is raised. Needs python3 with venv and
//! PyPI (the network), which CI has.

use iot_error_codes_checks as common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The build, run by setuptools' PEP 517 backend in one Python process (as
/// pip's build frontend calls it), with every `SetuptoolsDeprecationWarning`
/// an error. `PYTHONWARNINGS=error::setuptools.warnings.SetuptoolsDeprecationWarning`
/// cannot say this: Python reads it before a venv's site-packages is on the
/// path, and ignores a category it cannot import ("Invalid -W option ignored").
/// argv: the directory to build in, the output directory, `sdist` or `wheel`.
const BUILD: &str = r#"
import os, sys, warnings
import setuptools, setuptools.build_meta as backend
from setuptools.warnings import SetuptoolsDeprecationWarning
warnings.simplefilter("error", SetuptoolsDeprecationWarning)
source, out, kind = sys.argv[1:]
os.chdir(source)
build = backend.build_sdist if kind == "sdist" else backend.build_wheel
print(setuptools.__version__, build(out))
"#;

/// `python3 -m venv` at `dir`, with `setuptools` as pip resolves `spec`; the
/// venv's python, or `None` (skipped) when PyPI cannot be reached.
fn venv_with(dir: &Path, spec: &str) -> Option<PathBuf> {
    common::run(Command::new("python3").args(["-m", "venv"]).arg(dir));
    let python = dir.join("bin/python");
    let out = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--upgrade",
            spec,
        ])
        .output()
        .expect("pip");
    if !out.status.success() {
        common::skip(&format!(
            "pip cannot install {spec} (PyPI unreachable?): {}",
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
        return None;
    }
    Some(python)
}

/// Builds `kind` from `source` into `work/dist` with `python`; returns the
/// setuptools version and the file built. Fails with everything printed, which
/// names the deprecation that became an error. Each `work` has its own cargo
/// target directory: the two tests run at once, and the wheel build copies the
/// library into a fixed place inside it.
fn build(python: &Path, source: &Path, work: &Path, kind: &str) -> (String, PathBuf) {
    let out = work.join("dist");
    fs::create_dir_all(&out).unwrap();
    let label = work.file_name().unwrap().to_str().unwrap();
    let printed = common::run(
        Command::new(python)
            .args(["-c", BUILD])
            .arg(source)
            .arg(&out)
            .arg(kind)
            .env("CARGO_TARGET_DIR", common::nested_target_dir(label))
            .env_remove("IOT_ERROR_CODES_TARGET"),
    );
    let stdout = String::from_utf8(printed.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&printed.stderr);
    assert!(
        !stderr.contains("Deprecat") && !stdout.contains("Deprecat"),
        "the {kind} build printed a deprecation:\n{stdout}\n{stderr}"
    );
    let last = stdout.lines().last().expect("the build's last line");
    let (version, file) = last.split_once(' ').expect("VERSION FILE");
    (version.to_string(), out.join(file))
}

/// The `setuptools>=LOW,<HIGH` requirement of pyproject.toml's build-system.
fn declared_range() -> (String, String) {
    let text = fs::read_to_string(common::root().join("bindings/python/pyproject.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("requires = "))
        .expect("pyproject.toml's build-system requires");
    let spec = line
        .split('"')
        .find(|s| s.starts_with("setuptools"))
        .unwrap_or_else(|| panic!("no setuptools requirement in {line}"));
    let range = spec.trim_start_matches("setuptools");
    let (low, high) = range
        .split_once(',')
        .unwrap_or_else(|| panic!("{spec}: the requirement needs a lower and an upper bound"));
    let low = low.strip_prefix(">=").unwrap_or_else(|| panic!("{spec}: >=LOW first"));
    let high = high.strip_prefix('<').unwrap_or_else(|| panic!("{spec}: <HIGH second"));
    (low.to_string(), high.to_string())
}

fn numbers(version: &str) -> Vec<u64> {
    version.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

/// Builds the sdist with `python`, then the wheel from the unpacked sdist;
/// returns the setuptools version used.
fn sdist_then_wheel(python: &Path, work: &Path) -> String {
    // The sdist build writes bindings/python/iot_error_codes.egg-info: one at a time.
    static SOURCE_TREE: Mutex<()> = Mutex::new(());
    let guard = SOURCE_TREE.lock().unwrap_or_else(|e| e.into_inner());
    let (version, sdist) = build(python, &common::root().join("bindings/python"), work, "sdist");
    drop(guard);
    let unpacked = work.join("unpacked");
    fs::create_dir_all(&unpacked).unwrap();
    common::run(Command::new("tar").arg("xzf").arg(&sdist).arg("-C").arg(&unpacked));
    let name = sdist.file_name().unwrap().to_string_lossy();
    let source = unpacked.join(name.trim_end_matches(".tar.gz"));
    let pkg_info = fs::read_to_string(source.join("PKG-INFO")).unwrap();
    for field in [
        "License-Expression: MIT OR Apache-2.0",
        "License-File: LICENSE-MIT",
        "License-File: LICENSE-APACHE",
    ] {
        assert!(
            pkg_info.contains(field),
            "the sdist's PKG-INFO lacks {field:?}:\n{pkg_info}"
        );
    }
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let text = fs::read_to_string(source.join(license)).unwrap();
        assert!(text.len() > 1000, "the sdist's {license} is not the license text");
    }
    let (_, wheel) = build(python, &source, work, "wheel");
    assert!(wheel.is_file(), "no wheel at {wheel:?}");
    version
}

#[test]
fn builds_with_the_newest_setuptools_without_deprecations() {
    if !common::require("python3") {
        return;
    }
    let work = common::scratch("python-build-newest");
    let Some(python) = venv_with(&work.join("venv"), "setuptools") else {
        return;
    };
    let newest = sdist_then_wheel(&python, &work);
    let (_, high) = declared_range();
    assert!(
        numbers(&newest) < numbers(&high),
        "PyPI's newest setuptools, {newest}, is outside pyproject.toml's range (<{high}); \
         it builds the package without a deprecation (this check), so raise the upper bound"
    );
    eprintln!("built with setuptools {newest}, the newest on PyPI");
}

#[test]
fn builds_with_the_lowest_setuptools_allowed() {
    if !common::require("python3") {
        return;
    }
    let (low, _) = declared_range();
    let work = common::scratch("python-build-lowest");
    let Some(python) = venv_with(&work.join("venv"), &format!("setuptools=={low}")) else {
        return;
    };
    assert_eq!(sdist_then_wheel(&python, &work), low);
}
