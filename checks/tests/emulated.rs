//! Executed, not just built, on the CPUs of our gateways: aarch64, 32-bit ARM
//! and big- and little-endian MIPS, under qemu-user (named as the runner: no
//! binfmt_misc needed).
//!
//! - The crate's unit tests and pure-Rust integration tests (`cargo test -p
//!   iot-error-codes`: src/ and tests/*.rs) on the `crate-tests` rows of
//!   capi/targets.tsv: aarch64, armv7 and big-endian MIPS glibc
//!   (tier 3: nightly `-Z build-std`), linked by Debian's cross gcc and run
//!   with `qemu-<cpu> -L /usr/<triple>`.
//! - The C and C++ API tests (checks/c/api_test.c, checks/cpp/api_test.cpp,
//!   the spec as oracle) against the library `./install.sh --target` installs,
//!   shared and static, for aarch64 and armv7, gnu and musl: compiled with
//!   the cross gcc and g++ (a glibc program loads the musl `.so`, which
//!   imports nothing, and armv7 musleabihf is hard-float like gnueabihf),
//!   run under qemu.
//! - OpenWrt's soft-float MIPS libraries (the `freestanding` rows: MIPS and MIPSel musl),
//!   which no Debian loader runs (Debian's MIPS glibc is hard-float): the
//!   installed `.a` linked into checks/c/freestanding_test.c, a soft-float
//!   program without a C library, checked against a table this test writes
//!   from the spec, run under qemu-mips and qemu-mipsel.
//!
//! Needs qemu-user, the cross gcc and g++ (apt), the Rust targets and nightly
//! with rust-src (rustup): `bash .ci/run` installs them. Elsewhere a missing
//! one is SKIPPED with the reason; under CI it fails.

use common::inspect::Library;
use common::result_line;
use common::targets;
use iot_error_codes_checks as common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A CPU we run on, from its row of capi/targets.tsv: the Rust target,
/// qemu-user's program for it and the Debian cross toolchain's triple (its
/// gcc, g++ and /usr/<triple> sysroot).
struct Cpu {
    row: targets::Target,
    target: String,
    qemu: String,
    triple: String,
}

impl Cpu {
    /// The rows of capi/targets.tsv that `check` picks (crate-tests, c-tests, freestanding).
    fn checked_by(check: &str) -> Vec<Cpu> {
        let cpus: Vec<Cpu> = targets::checked_by(check).into_iter().map(Cpu::new).collect();
        assert!(!cpus.is_empty(), "capi/targets.tsv has no {check} row");
        cpus
    }

    fn new(row: targets::Target) -> Cpu {
        let targets::Run::Qemu(qemu) = &row.run else {
            panic!("capi/targets.tsv: {} runs under no qemu: {:?}", row.triple, row.run)
        };
        let triple = row
            .cross_prefix()
            .unwrap_or_else(|| panic!("capi/targets.tsv: {} has no cross gcc", row.triple))
            .to_string();
        Cpu {
            target: row.triple.clone(),
            qemu: qemu.clone(),
            triple,
            row,
        }
    }

    /// CARGO_TARGET_<TRIPLE>_<what>
    fn cargo_env(&self, what: &str) -> String {
        format!("CARGO_TARGET_{}_{what}", self.target.to_uppercase().replace('-', "_"))
    }

    fn gcc(&self) -> String {
        format!("{}-gcc", self.triple)
    }

    fn gxx(&self) -> String {
        format!("{}-g++", self.triple)
    }

    /// `qemu-<cpu> -L /usr/<triple> exe args...`
    fn run(&self, exe: &Path) -> Command {
        let mut cmd = Command::new(&self.qemu);
        cmd.arg("-L").arg(format!("/usr/{}", self.triple)).arg(exe);
        cmd
    }

    /// Whether the crate's tests need nightly to build `std` for the target (tier 3).
    fn tier3(&self) -> bool {
        self.row.core == targets::Core::BuildStd
    }

    /// Whether every tool this CPU's checks need is here (skips, or fails under CI, if not).
    /// `std`: the crate's tests need its standard library, not just `core`.
    fn tools(&self, std: bool, tools: &[&str]) -> bool {
        let rust = if std && self.tier3() {
            common::nightly_rust_src()
        } else {
            // capi/build-lib.sh's own rule: rustup's core, else nightly's.
            common::rust_for(&self.row)
        };
        rust && std::iter::once(self.qemu.as_str())
            .chain(tools.iter().copied())
            .all(common::require)
    }
}

/// What a test program printed last: "N passed, 0 failed"; N is returned.
fn passed(what: &str, stdout: &[u8]) -> u32 {
    result_line::assert_passed(what, stdout, 1)
}

// --- the crate's own tests -------------------------------------------------

/// `cargo test -p iot-error-codes --target T`, linked by the cross gcc, run
/// by qemu; checks that the unit tests and every tests/*.rs ran and passed.
fn crate_tests(cpu: &Cpu) {
    if !cpu.tools(true, &[&cpu.gcc()]) {
        return;
    }
    let mut cmd = if cpu.tier3() {
        let mut cmd = Command::new("rustup");
        // The test harness needs unwinding, which the dev profile turns off
        // for the C library (Cargo.toml): with build-std, both cannot hold.
        cmd.args(["run", "nightly", "cargo", "test", "-Z", "build-std"])
            .env("CARGO_PROFILE_DEV_PANIC", "unwind")
            .env_remove("RUSTC")
            .env_remove("RUSTDOC");
        cmd
    } else {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.arg("test");
        cmd
    };
    cmd.args(["--locked", "-p", "iot-error-codes", "--target", &cpu.target])
        .current_dir(common::root())
        .env("CARGO_TARGET_DIR", common::nested_target_dir("emulated-tests"))
        .env(cpu.cargo_env("LINKER"), cpu.gcc())
        .env(cpu.cargo_env("RUNNER"), format!("{} -L /usr/{}", cpu.qemu, cpu.triple))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    let started = std::time::Instant::now();
    let out = common::run(&mut cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);

    // Each test binary cargo ran ("Running tests/api.rs (target/...)").
    let ran: BTreeSet<String> = stderr
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("Running ")?
                .split(" (")
                .next()
                .map(str::to_string)
        })
        .collect();
    let mut want = BTreeSet::from(["unittests src/lib.rs".to_string()]);
    for entry in fs::read_dir(common::root().join("tests")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            want.insert(format!("tests/{}", path.file_name().unwrap().to_string_lossy()));
        }
    }
    let missing: Vec<&String> = want.difference(&ran).collect();
    assert!(missing.is_empty(), "{}: not run: {missing:?}\n{stderr}", cpu.target);
    // And every one passed tests (a test binary of none proves nothing).
    let results: Vec<u32> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. ")?.split(' ').next()?.parse().ok())
        .collect();
    assert!(
        results.len() >= want.len() && results.iter().all(|&n| n > 0),
        "{}: test results {results:?}\n{stdout}",
        cpu.target
    );
    println!(
        "{}: {} tests passed under {} in {} test binaries ({:.0?})",
        cpu.target,
        results.iter().sum::<u32>(),
        cpu.qemu,
        results.len(),
        started.elapsed()
    );
}

/// Every row of capi/targets.tsv with `crate-tests`.
#[test]
fn crate_tests_under_qemu() {
    for cpu in Cpu::checked_by("crate-tests") {
        crate_tests(&cpu);
    }
}

// --- the installed C library ----------------------------------------------

/// `./install.sh --prefix <scratch>/prefix --target T`; returns the prefix.
/// It builds in the nested target directory where checks/tests/symbols.rs
/// builds the same target (`common::build_lib("lib-<target>")`), so one
/// build serves both.
fn install(label: &str, cpu: &Cpu) -> PathBuf {
    let prefix = common::scratch(label).join("prefix");
    common::run(
        Command::new("bash")
            .arg(common::root().join("install.sh"))
            .arg("--prefix")
            .arg(&prefix)
            .args(["--target", &cpu.target])
            .env(
                "CARGO_TARGET_DIR",
                common::nested_target_dir(&format!("lib-{}", cpu.target)),
            ),
    );
    prefix
}

/// The C and C++ API tests, compiled with the cross compilers against the
/// library installed for `cpu`, linked once to the `.so` and once to the
/// `.a`, and run under qemu with the spec as oracle.
fn c_api_tests(label: &str, cpu: &Cpu) {
    if !cpu.tools(false, &[&cpu.gcc(), &cpu.gxx()]) {
        return;
    }
    let prefix = install(label, cpu);
    let lib = prefix.join("lib");
    let soname = common::lib_version("soname");
    let spec = common::spec_path();
    let vectors = common::root().join("tests/vectors.txt");
    for (compiler, std, source) in [
        (cpu.gcc(), "-std=c99", "checks/c/api_test.c"),
        (cpu.gxx(), "-std=c++11", "checks/cpp/api_test.cpp"),
    ] {
        for shared in [true, false] {
            let name = format!(
                "{}-{}",
                if std == "-std=c99" { "c" } else { "cpp" },
                if shared { "so" } else { "a" }
            );
            let exe = common::scratch(&format!("{label}-{name}")).join(&name);
            let mut cc = Command::new(&compiler);
            cc.args([std, "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1", "-pthread", "-I"])
                .arg(prefix.join("include"))
                .arg(common::root().join(source))
                .arg("-o")
                .arg(&exe);
            if shared {
                cc.arg(format!("-L{}", lib.display()))
                    .arg("-liot_error_codes")
                    .arg(format!("-Wl,-rpath,{}", lib.display()));
            } else {
                // Nothing else: the library imports nothing.
                cc.arg(lib.join("libiot_error_codes.a"));
            }
            common::run(&mut cc);
            let needed = Library::open(&exe).needed();
            assert_eq!(
                needed.contains(&soname),
                shared,
                "{exe:?} needs {soname} iff linked to the .so: it needs {needed:?}"
            );
            let mut run = cpu.run(&exe);
            run.arg(&spec);
            if std == "-std=c99" {
                run.arg(&vectors);
            }
            let n = passed(&format!("{} {name}", cpu.target), &common::run(&mut run).stdout);
            assert!(n > 100, "{} {name} ran too few checks: {n}", cpu.target);
            println!("{} {name}: {n} checks passed under {}", cpu.target, cpu.qemu);
        }
    }
}

/// Every row of capi/targets.tsv with `c-tests`.
#[test]
fn c_api_under_qemu() {
    for cpu in Cpu::checked_by("c-tests") {
        c_api_tests(&format!("emulated-{}", cpu.target), &cpu);
    }
}

// --- OpenWrt's soft-float MIPS ---------------------------------------------

/// The spec as a C table, for the freestanding test: `spec_rows[]` of
/// (code, description), every byte outside printable ASCII as an octal escape.
fn spec_table_h() -> String {
    let rows = common::spec_rows();
    assert!(rows.len() > 80, "the spec has {} rows", rows.len());
    let literal = |s: &str| {
        let mut out = String::from("\"");
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b" -_.,:()/".contains(&b) {
                out.push(b as char);
            } else {
                write!(out, "\\{b:03o}").unwrap();
            }
        }
        out + "\""
    };
    let mut h = String::from(
        "/* Written by checks/tests/emulated.rs from the spec file. */\n\
         struct spec_row { const char *code; const char *text; };\n\
         static const struct spec_row spec_rows[] = {\n",
    );
    for (code, text) in &rows {
        writeln!(h, "    {{{}, {}}},", literal(code), literal(text)).unwrap();
    }
    writeln!(h, "}};\n#define SPEC_ROW_COUNT {}u", rows.len()).unwrap();
    h
}

/// The installed `.a` for `cpu` linked into checks/c/freestanding_test.c,
/// a soft-float program without a C library, and run under qemu.
fn soft_float_tests(label: &str, cpu: &Cpu) {
    if !cpu.tools(false, &[&cpu.gcc(), "readelf"]) {
        return;
    }
    let prefix = install(label, cpu);
    let dir = common::scratch(&format!("{label}-freestanding"));
    fs::write(dir.join("spec_table.h"), spec_table_h()).unwrap();
    let exe = dir.join("freestanding_test");
    common::run(
        Command::new(cpu.gcc())
            .args([
                "-std=c99",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-O1",
                "-march=mips32r2",
                "-msoft-float",
            ])
            // No C library, and no loop turned into a call to memcpy inside memcpy.
            .args([
                "-ffreestanding",
                "-fno-tree-loop-distribute-patterns",
                "-nostdlib",
                "-static",
                "-no-pie",
            ])
            .arg("-I")
            .arg(prefix.join("include"))
            .arg("-I")
            .arg(&dir)
            .arg(common::root().join("checks/c/freestanding_test.c"))
            .arg(prefix.join("lib/libiot_error_codes.a"))
            .args(["-Wl,--gc-sections,--fatal-warnings", "-o"])
            .arg(&exe),
    );
    // The program and the library it contains are soft-float, as on the router. (readelf -A
    // decodes MIPS's .MIPS.abiflags, which checks/src/inspect.rs does not read.)
    let attributes = common::run(Command::new("readelf").arg("-A").arg(&exe));
    let attributes = String::from_utf8_lossy(&attributes.stdout);
    assert!(attributes.contains("FP ABI: Soft float"), "{exe:?}:\n{attributes}");
    let n = passed(&cpu.target, &common::run(&mut cpu.run(&exe)).stdout);
    let rows = common::spec_rows().len() as u32;
    assert!(n > rows * 15, "{}: {n} checks for {rows} codes", cpu.target);
    println!(
        "{} (soft-float, installed .a): {n} checks passed under {}",
        cpu.target, cpu.qemu
    );
    let pages = common::figures::check_counts(&["checks/c/freestanding_test.c"], n);
    assert!(pages >= 1, "no page counts the freestanding test's checks");
}

/// Every row of capi/targets.tsv with `freestanding` (OpenWrt's soft-float MIPS).
#[test]
fn openwrt_soft_float_libraries() {
    for cpu in Cpu::checked_by("freestanding") {
        soft_float_tests(&format!("emulated-{}", cpu.target), &cpu);
    }
}
