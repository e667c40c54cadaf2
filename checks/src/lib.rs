//! What the checks (tests/<area>.rs) share: building the library for a test,
//! running programs, scratch and nested target directories, and the skip
//! rule, the table of targets ([`targets`]). The oracles (the spec, the
//! header, the vectors) are the quick tests' own crate (tests/common/),
//! re-exported here so that both read them one way.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::{env, fs};

pub mod figures;
pub mod inspect;
pub mod macho;
pub mod result_line;
pub mod targets;
pub mod unittest_report;

pub use iot_error_codes_oracle::*;

/// The directory holding `libiot_error_codes.so` and `libiot_error_codes.a`,
/// built for the tests (debug profile) by a nested `cargo build --lib` the
/// first time it is asked for in a test process. `cargo test` itself does not
/// reliably leave the cdylib and staticlib in `target/debug` (building only
/// some test targets makes just the rlib), so tests never rely on that.
pub fn profile_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let target = nested_target_dir("lib");
            run(Command::new(env!("CARGO"))
                .args(["build", "--lib", "--quiet"])
                .current_dir(root())
                .env("CARGO_TARGET_DIR", &target));
            target.join("debug")
        })
        .clone()
}

/// The example `name` (examples/NAME.rs), built for the test by a nested
/// `cargo build --example` each time it is asked for, so that an edit to it
/// is never checked with an old binary; returns the executable.
pub fn example(name: &str) -> PathBuf {
    let target = nested_target_dir("lib");
    run(Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", name])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", &target));
    target.join("debug/examples").join(name)
}

pub fn shared_lib() -> PathBuf {
    profile_dir().join("libiot_error_codes.so")
}

pub fn static_lib() -> PathBuf {
    profile_dir().join("libiot_error_codes.a")
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(label: &str) -> PathBuf {
    let dir = root().join("target/tmp").join(label);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A target directory for cargo run from inside a test: the outer `cargo test`
/// holds the lock on its own one.
pub fn nested_target_dir(label: &str) -> PathBuf {
    root().join("target").join("nested").join(label)
}

/// Whether `tool` is on PATH. A tool the base machine lacks is installed by
/// `.ci/run`: under CI (`CI` set) a missing tool fails the test; elsewhere the
/// test says what it skipped and how to get the tool (see [`skip`]).
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip(&format!("{tool} is not installed (bash .ci/run installs it)"));
    }
    found
}

/// Reports that the calling test skipped its check because of `reason` (a
/// missing tool, toolchain or target, and how to get it); the test then returns.
/// Under CI (`CI` set, as `.ci/run` does after installing everything) it panics
/// instead: there a skip is a failure.
///
/// libtest captures what `print!` and `eprint!` write in a test and shows it
/// only if the test fails, so a skipped test that passes would say nothing.
/// This writes the line with `std::io::stderr()`'s `Write` impl, which goes
/// straight to the process's stderr around the capture, so it shows in the
/// terminal and in a CI log alike, between cargo test's own lines. It is also
/// appended to `target/skipped-tests.txt`, one line per skip with the time and
/// the test binary, for a look after a long run.
pub fn skip(reason: &str) {
    use std::io::Write;
    let test = std::thread::current().name().unwrap_or("?").to_string();
    if env::var_os("CI").is_some() {
        panic!("{test}: {reason}; under CI nothing may be skipped: .ci/run must provide it");
    }
    // The test binary, "hardening-0123abcd" -> "hardening".
    let exe = env::args().next().unwrap_or_default();
    let exe = Path::new(&exe)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let binary = exe.rsplit_once('-').map_or(exe.as_str(), |(name, _)| name);
    let line = format!("SKIPPED: {test}: {reason}");
    let _ = writeln!(std::io::stderr(), "{line}");
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let log = root().join("target/skipped-tests.txt");
    let _ = fs::create_dir_all(log.parent().unwrap());
    if let Ok(mut file) = fs::OpenOptions::new().create(true).append(true).open(&log) {
        let _ = writeln!(file, "{secs} {binary}: {line}");
    }
}

/// The environment variable that names the spec file ([`spec_path`], found
/// by the library's rule) to the Python and Java suites' oracles
/// (bindings/python/tests/oracle.py, Oracle.java), which have no finder of their own.
pub const SPEC_VAR: &str = "IOT_ERROR_CODES_SPEC";

/// Runs a command and returns its output; panics with everything it printed if it fails.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    if !out.status.success() {
        panic!(
            "{cmd:?} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// What a finished program printed, with its status, for a failure message.
pub fn printed(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// -Xcheck:jni reports misuse of JNI (an unchecked exception, a bad or leaked reference) as
/// warnings in what the JVM prints; `text` has none.
pub fn assert_no_jni_complaints(text: &str) {
    for complaint in [
        "WARNING in native method",
        "WARNING: JNI",
        "FATAL ERROR in native method",
    ] {
        assert!(!text.contains(complaint), "the JVM's JNI checks complained\n{text}");
    }
}

/// How a test program links the library.
#[derive(Clone, Copy, Debug)]
pub enum Link {
    Shared,
    Static,
}

/// Compiles the C or C++ program `source` (relative to the root) with
/// `compiler` and `std`, warnings as errors plus `flags`, against `include/`
/// and the library linked as `link`; returns the executable.
pub fn compile(label: &str, compiler: &str, std: &str, source: &str, flags: &[&str], link: Link) -> PathBuf {
    let exe = scratch(label).join(label);
    let mut cmd = Command::new(compiler);
    cmd.args([std, "-Wall", "-Wextra", "-Werror", "-g", "-O1", "-pthread"])
        .args(flags)
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join(source))
        .arg("-o")
        .arg(&exe);
    match link {
        Link::Shared => {
            let dir = profile_dir();
            cmd.arg(format!("-L{}", dir.display()))
                .arg("-liot_error_codes")
                .arg(format!("-Wl,-rpath,{}", dir.display()));
        }
        // Nothing else: the library imports nothing (checks/tests/symbols.rs), as
        // docs/c.md says of a static link.
        Link::Static => {
            cmd.arg(static_lib());
        }
    }
    run(&mut cmd);
    exe
}

/// Compiles checks/c/api_test.c with `cc` (a compiler and flags of its own,
/// such as a specs file) as c.rs does (-std=c99 -pedantic, warnings as
/// errors), linked not to the library but to checks/c/load_at_run_time.c,
/// which loads it at run time (dlopen or LoadLibrary, as CPython's ctypes)
/// from the path in IOT_ERROR_CODES_LIBRARY. Its function list is written
/// here from the header. Returns the program, `label` (plus `.exe` where
/// `exe` says so) in a scratch folder.
pub fn api_test_loading_at_run_time(label: &str, cc: &[&str], exe: bool) -> PathBuf {
    let dir = scratch(label);
    let functions = dir.join("shim_functions.h");
    let lines: String = header_functions().iter().map(|f| format!("SHIM({f})\n")).collect();
    fs::write(&functions, lines).unwrap();
    let warnings = ["-Wall", "-Wextra", "-Werror", "-O1"];
    let shim = dir.join("load_at_run_time.o");
    run(Command::new(cc[0])
        .args(&cc[1..])
        .arg("-std=gnu99")
        .args(warnings)
        .arg(format!("-DSHIM_FUNCTIONS=\"{}\"", functions.display()))
        .arg("-c")
        .arg(root().join("checks/c/load_at_run_time.c"))
        .arg("-o")
        .arg(&shim));
    let program = dir.join(if exe { format!("{label}.exe") } else { label.to_string() });
    run(Command::new(cc[0])
        .args(&cc[1..])
        .args(["-std=c99", "-pedantic"])
        .args(warnings)
        .arg("-I")
        .arg(root().join("include"))
        .arg(root().join("checks/c/api_test.c"))
        .arg(&shim)
        .arg("-o")
        .arg(&program));
    program
}

/// The arguments of checks/c/api_test.c: the spec (its oracle) and tests/vectors.txt.
pub fn api_test_args() -> [PathBuf; 2] {
    [spec_path(), root().join("tests/vectors.txt")]
}

/// The count of checks checks/c/api_test.c passes on this machine, built
/// with `cc` against the library of [`profile_dir`]: what the same program
/// must pass wherever else it runs (once per test process).
pub fn api_test_native_count() -> u32 {
    static COUNT: OnceLock<u32> = OnceLock::new();
    *COUNT.get_or_init(|| {
        let exe = compile(
            "api_test-native",
            "cc",
            "-std=c99",
            "checks/c/api_test.c",
            &["-pedantic"],
            Link::Shared,
        );
        api_test_passed("the native C API test", &run(Command::new(exe).args(api_test_args())))
    })
}

/// The count of checks that a run of checks/c/api_test.c (`what`) passed;
/// panics with all it printed unless its result line ([`result_line`], `\r\n`
/// under Windows too) says no failure and at least
/// [`result_line::C_API_TEST_MINIMUM`] passes.
pub fn api_test_passed(what: &str, out: &Output) -> u32 {
    result_line::assert_passed(
        &format!("{what} ({})", printed(out)),
        &out.stdout,
        result_line::C_API_TEST_MINIMUM,
    )
}

/// Like [`api_test_passed`], for a run of checks/c/api_test.c elsewhere (under
/// wine, under musl's loader): panics unless it passed as many checks as the
/// native run ([`api_test_native_count`]).
pub fn api_test_passed_as_natively(what: &str, out: &Output) {
    assert_eq!(
        api_test_passed(what, out),
        api_test_native_count(),
        "{what}: checks passed there (left) and natively (right)"
    );
}

/// Builds the shipped C library with capi/build-lib.sh for `target` (this
/// machine's if `None`) into a scratch folder, in a nested target dir named
/// `label`; returns the shared library's path (`--bundle`: named and with the
/// SONAME libiot_error_codes.so, as the JAR and the wheel carry it; else
/// libiot_error_codes.so.X.Y.Z with the versioned SONAME). The static library
/// is beside it.
pub fn build_lib(label: &str, target: Option<&str>, bundle: bool) -> PathBuf {
    let out_dir = scratch(&format!("build-lib-{label}"));
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("capi/build-lib.sh"))
        .arg("--out")
        .arg(&out_dir)
        .env("CARGO_TARGET_DIR", nested_target_dir(label));
    if let Some(target) = target {
        cmd.args(["--target", target]);
    }
    if bundle {
        cmd.arg("--bundle");
    }
    let out = run(&mut cmd);
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim_end())
}

/// What capi/build-lib.sh says of the version: `abi`, `soname` or `version`.
pub fn lib_version(what: &str) -> String {
    let out = run(Command::new("bash")
        .arg(root().join("capi/build-lib.sh"))
        .args(["--print", what]));
    String::from_utf8(out.stdout).unwrap().trim_end().to_string()
}

/// Whether the Rust standard library for `target` is installed (`rustup
/// target list --installed`); says how to add it otherwise (a failure under CI).
pub fn target_installed(target: &str) -> bool {
    let how = format!(
        "`rustup target add {target}` (bash .ci/run does). A machine where rustup \
         refuses it cannot run this check (docs/platforms.md)"
    );
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let installed = String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == target);
            if !installed {
                skip(&format!("the Rust target {target} is not installed: {how}"));
            }
            installed
        }
        _ => {
            skip(&format!("rustup is not available to list the Rust targets: {how}"));
            false
        }
    }
}

/// Whether the nightly toolchain with rust-src is installed, which builds
/// the standard library for a target rustup has none for (`-Z build-std`):
/// the tier-3 MIPS targets. Says how to get it otherwise (a failure under CI).
pub fn nightly_rust_src() -> bool {
    let sysroot = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--print", "sysroot"])
        .env_remove("RUSTC")
        .output();
    let found = sysroot.is_ok_and(|out| {
        out.status.success()
            && Path::new(String::from_utf8_lossy(&out.stdout).trim())
                .join("lib/rustlib/src/rust/library/core")
                .is_dir()
    });
    if !found {
        skip(
            "no nightly toolchain with rust-src for -Z build-std (rustup toolchain install nightly; \
             rustup component add rust-src --toolchain nightly; bash .ci/run does)",
        );
    }
    found
}

/// Whether capi/build-lib.sh can build the library for `target`, which
/// rustup may have no standard library for (OpenWrt's tier-3 MIPS targets,
/// or armv7 musl on a rustup that refuses it): rustup's `core` for it, else
/// nightly with rust-src, with which the script builds `core` (skips, or
/// fails under CI, with neither).
pub fn build_lib_can_target(target: &str) -> bool {
    let libdir = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", target])
        .output();
    let has_core = libdir.is_ok_and(|out| {
        out.status.success()
            && fs::read_dir(String::from_utf8_lossy(&out.stdout).trim()).is_ok_and(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
            })
    });
    has_core || nightly_rust_src()
}

/// Whether the Rust side of capi/build-lib.sh's build for `target` is here,
/// as its `core` column says: the target's standard library from rustup, else
/// (build-std) nightly with rust-src. Skips, or fails under CI, saying how to
/// get it.
pub fn rust_for(target: &targets::Target) -> bool {
    match target.core {
        targets::Core::Rustup => target_installed(&target.triple),
        targets::Core::BuildStd | targets::Core::RustupOrBuildStd => build_lib_can_target(&target.triple),
    }
}

/// A foreign CPU whose programs the checks run under qemu-user, from a private
/// root of Debian's packages for it (checks/foreign-root.sh): the Java tests on
/// its JVM (checks/tests/java/qemu.rs) and the wheel in its CPython (checks/tests/wheel.rs).
/// One per row of capi/targets.tsv with a root ([`foreign_cpus`]).
#[derive(Clone, Debug)]
pub struct ForeignCpu {
    /// Debian's name of the architecture (`dpkg --add-architecture`): the root column.
    pub debian: String,
    /// The qemu-user program that runs its binaries (no binfmt_misc: named as the runner).
    pub qemu: String,
    /// The directory of Debian's JRE 17 under /usr/lib/jvm.
    pub jvm: String,
    /// The JAR's library directory for it (NativeLibrary.platform()).
    pub jar_platform: String,
    /// Its machine in a wheel's platform tag.
    pub wheel_machine: String,
    /// Debian's C cross compiler for it (the Python suite builds a stale library with it).
    pub cc: String,
}

/// The foreign CPUs: every row of capi/targets.tsv with a root, which also
/// names its qemu (run), JAR folder, wheel tag and cross compiler.
pub fn foreign_cpus() -> Vec<ForeignCpu> {
    let cpus: Vec<ForeignCpu> = targets::all()
        .into_iter()
        .filter_map(|t| {
            let debian = t.root.clone()?;
            let missing = |what: &str| format!("capi/targets.tsv: {} has a root but no {what}", t.triple);
            let targets::Run::Qemu(qemu) = &t.run else {
                panic!("{}", missing("qemu"))
            };
            Some(ForeignCpu {
                jvm: format!("java-17-openjdk-{debian}"),
                qemu: qemu.clone(),
                jar_platform: t.jar.clone().unwrap_or_else(|| panic!("{}", missing("jar"))),
                wheel_machine: t
                    .wheel_machine()
                    .unwrap_or_else(|| panic!("{}", missing("wheel")))
                    .to_string(),
                cc: t.cc.clone().unwrap_or_else(|| panic!("{}", missing("cc"))),
                debian,
            })
        })
        .collect();
    assert!(!cpus.is_empty(), "capi/targets.tsv has no row with a root");
    cpus
}

impl ForeignCpu {
    /// The private root with the CPU's JVM and CPython (checks/foreign-root.sh
    /// downloads it the first time), or `None` (skipped, or a failure under CI)
    /// without qemu or when apt does not know the architecture.
    pub fn root(&self) -> Option<PathBuf> {
        if !require(&self.qemu) {
            return None;
        }
        let script = root().join("checks/foreign-root.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg(&self.debian)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => {
                let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim_end());
                self.compile_python(&root);
                Some(root)
            }
            // apt does not know the architecture, or cannot fetch.
            Some(4) => {
                skip(&format!("no {} root for qemu: {}", self.debian, stderr.trim_end()));
                None
            }
            _ => panic!(
                "checks/foreign-root.sh {} failed ({})\n{stderr}",
                self.debian, out.status
            ),
        }
    }

    /// Compiles the root's Python standard library to bytecode once, as Debian's
    /// postinst (py3compile) would have: the packages ship sources only, and the
    /// suite's tests start a hundred Pythons with PYTHONDONTWRITEBYTECODE, each of
    /// which would otherwise compile what it imports again (under qemu: 1.8 s
    /// instead of 0.8 s to import what the binding's command line needs). A new
    /// root (new package versions: checks/foreign-root.sh) loses the stamp.
    fn compile_python(&self, root: &Path) {
        let stamp = root.join(".python-compiled");
        if stamp.exists() {
            return;
        }
        let runner = self.runner(root, "usr/bin/python3.11");
        run(Command::new(&runner[0])
            .args(&runner[1..])
            .args(["-m", "compileall", "-q"])
            .arg(root.join("usr/lib/python3.11")));
        fs::write(&stamp, "").unwrap();
    }

    /// The command line that runs the program `program` (a path inside the
    /// root, such as usr/bin/python3.11) of the root `root` under qemu.
    pub fn runner(&self, root: &Path, program: &str) -> Vec<String> {
        let root = root.display();
        vec![
            self.qemu.to_string(),
            "-L".into(),
            root.to_string(),
            format!("{root}/{program}"),
        ]
    }

    /// [`runner`](Self::runner) of the root's JVM.
    pub fn java(&self, root: &Path) -> Vec<String> {
        self.runner(root, &format!("usr/lib/jvm/{}/bin/java", self.jvm))
    }
}

/// Runs `cargo xtask ARGS` (the alias of .cargo/config.toml spelled out, with
/// a target directory of its own so that it does not wait for the outer
/// cargo's lock) and returns what it printed; panics with all of it if it fails.
pub fn xtask(args: &[&str]) -> Output {
    run(Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(root())
        .env("CARGO_TARGET_DIR", nested_target_dir("xtask")))
}

/// The symbols a library must export for the compiled Java classes under
/// `classes` (a class-path root, e.g. an unpacked JAR or classes.jar):
/// `JNI_OnLoad`, and `Java_iot_errorcodes_<Class>_<method>` for every
/// `native` method that `javap -p` finds in `iot/errorcodes/`.
pub fn jni_symbols(classes: &std::path::Path) -> std::collections::BTreeSet<String> {
    let mut symbols = std::collections::BTreeSet::from(["JNI_OnLoad".to_string()]);
    let dir = classes.join("iot/errorcodes");
    for class in fs::read_dir(&dir).unwrap() {
        let class = class.unwrap().path();
        let name = class.file_stem().unwrap().to_str().unwrap().to_string();
        let text = String::from_utf8(run(Command::new("javap").arg("-p").arg(&class)).stdout).unwrap();
        for line in text.lines().filter(|l| l.contains(" native ")) {
            let method = line.split('(').next().unwrap().split_whitespace().last().unwrap();
            // An underscore or a '$' would be escaped in the symbol name; the binding has none.
            assert!(!name.contains(['_', '$']) && !method.contains('_'), "{line}");
            symbols.insert(format!("Java_iot_errorcodes_{name}_{method}"));
        }
    }
    assert!(symbols.len() > 1, "javap found no native method in {}", dir.display());
    symbols
}
