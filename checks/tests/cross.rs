//! Portability, proven by building: the C library for a bare-metal Cortex-M
//! (the `bare-metal` row of capi/targets.tsv, a static library, no JNI) and for
//! OpenWrt's libc (its `musl-cargo` row, aarch64 musl, a shared library), with nothing but the
//! Rust toolchain: the musl `.so` and a test firmware image are linked by the
//! toolchain's own `rust-lld`, so no cross C compiler or sysroot is needed.
//! Each build is checked for what a firmware or a gateway needs: the right
//! machine, the header's functions, and no import (the firmware: none beyond
//! `abort` and the memory functions). And the plain `cargo build --target`
//! of docs/c.md works for the ARM gateways' tier-2 targets (the `cargo-build` rows) with no
//! environment: the linker and `-crt-static` are .cargo/config.toml's.
//!
//! The commands are docs/c.md's ("Cross-compiling for ARM gateways"), and a
//! test checks that the page shows the commands run here. The sizes docs/platforms.md gives
//! are what these tests print (`cargo test --test cross -- --nocapture`).
//!
//! A target that `rustup target list --installed` lacks is skipped with a
//! message (`.ci/run` adds both; under CI a missing one fails).

use common::inspect::{self, Library};
use common::targets;
use iot_error_codes_checks as common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The one row of capi/targets.tsv whose checks column names `check`.
fn the_target(check: &str) -> String {
    let rows = targets::checked_by(check);
    assert_eq!(rows.len(), 1, "capi/targets.tsv: one {check} row, not {rows:?}");
    rows[0].triple.clone()
}

/// The Cortex-M target (bare-metal).
fn bare_metal() -> String {
    the_target("bare-metal")
}

/// OpenWrt's aarch64 musl target (musl-cargo).
fn musl() -> String {
    the_target("musl-cargo")
}

/// The bare-metal build, as docs/c.md gives it after `cargo`.
/// `cargo rustc --crate-type staticlib` builds only the .a: a cdylib does not
/// exist for a target without an OS, and `cargo build` would warn so.
fn bare_metal_build() -> Vec<String> {
    let command = "rustc --release -p iot-error-codes-capi --lib --crate-type staticlib --no-default-features --target";
    command.split(' ').map(str::to_string).chain([bare_metal()]).collect()
}

/// The musl build, as docs/c.md gives it after `cargo`: its linker and
/// `-crt-static` come from .cargo/config.toml, no environment.
fn musl_build() -> Vec<String> {
    let command = "build --release -p iot-error-codes-capi --target";
    command.split(' ').map(str::to_string).chain([musl()]).collect()
}

/// docs/c.md's section "Cross-compiling for ARM gateways", with its OpenWrt and Cortex-M parts.
fn c_page_section() -> String {
    let page = fs::read_to_string(common::root().join("docs/c.md")).unwrap();
    let heading = "## Cross-compiling for ARM gateways";
    let start = page.find(heading).expect("docs/c.md's cross-compiling section");
    let rest = &page[start + heading.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// What the library may import: `abort` (the panic handler, where a panic
/// cannot happen) and the memory functions the compiler may call. Every libc,
/// newlib and picolibc has them.
const ALLOWED_IMPORTS: &[&str] = &[
    "abort",
    "memcmp",
    "bcmp",
    "memcpy",
    "memmove",
    "memset",
    "__aeabi_memcpy",
    "__aeabi_memcpy4",
    "__aeabi_memcpy8",
    "__aeabi_memmove",
    "__aeabi_memmove4",
    "__aeabi_memmove8",
    "__aeabi_memset",
    "__aeabi_memset4",
    "__aeabi_memset8",
    "__aeabi_memclr",
    "__aeabi_memclr4",
    "__aeabi_memclr8",
];

/// Libraries a musl `.so` must not need: OpenWrt images often lack libgcc_s,
/// and musl has no separate libpthread, libdl or libm.
const FORBIDDEN_NEEDED: &[&str] = &["libgcc_s", "libpthread", "libdl", "libm", "libstdc++"];

/// A cargo command for a cross build in the shared nested target directory,
/// with no RUSTFLAGS from the environment (they would replace the target's).
fn cargo<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args)
        .current_dir(common::root())
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    cmd
}

fn target_dir() -> PathBuf {
    common::nested_target_dir("cross")
}

fn size(path: &Path) -> u64 {
    fs::metadata(path).unwrap_or_else(|e| panic!("{path:?}: {e}")).len()
}

/// The toolchain's own `rust-lld` (in every rustup toolchain), which rustc
/// also finds for `-C linker=rust-lld`.
fn rust_lld() -> PathBuf {
    let rustc = Path::new(env!("CARGO")).with_file_name("rustc");
    let rustc = if rustc.is_file() { rustc } else { PathBuf::from("rustc") };
    let text = |args: &[&str]| String::from_utf8(common::run(Command::new(&rustc).args(args)).stdout).unwrap();
    let sysroot = text(&["--print", "sysroot"]);
    let host = text(&["-vV"]);
    let host = host.lines().find_map(|l| l.strip_prefix("host: ")).unwrap();
    let lld = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host)
        .join("bin/rust-lld");
    assert!(lld.is_file(), "no rust-lld in the toolchain: {lld:?}");
    lld
}

#[test]
fn the_c_page_gives_the_commands_these_tests_run() {
    let rest = c_page_section();
    for (target, build) in [(bare_metal(), bare_metal_build()), (musl(), musl_build())] {
        let command = format!("cargo {}", build.join(" "));
        assert!(rest.contains(&command), "docs/c.md does not show `{command}`");
        assert!(
            rest.contains(&format!("rustup target add {target}")),
            "docs/c.md does not add {target}"
        );
    }
    // The linker and flags are the project's cargo configuration's, not the page's.
    assert!(
        !rest.contains("CARGO_TARGET_"),
        "docs/c.md sets a CARGO_TARGET_ variable; .cargo/config.toml holds them"
    );
}

#[test]
fn bare_metal_cortex_m_static_library() {
    let target = bare_metal();
    if !common::target_installed(&target) {
        return;
    }
    common::run(cargo(&bare_metal_build()).arg("--quiet"));
    let lib = target_dir().join(&target).join("release/libiot_error_codes.a");
    assert!(lib.is_file(), "no {lib:?}");

    // Every member is a 32-bit object of the target's machine (ARM).
    let members = inspect::archive_members(&lib);
    for member in &members {
        assert_eq!(
            (Some(member.machine), member.is_64),
            (inspect::machine_of(&target), false),
            "{lib:?}: {}",
            member.name
        );
    }

    // Per member: what it defines and what it needs.
    let defines: BTreeMap<&str, &BTreeSet<String>> = members.iter().map(|m| (m.name.as_str(), &m.defined)).collect();
    let needs: BTreeMap<&str, &BTreeSet<String>> = members.iter().map(|m| (m.name.as_str(), &m.undefined)).collect();
    let defined: BTreeSet<&str> = defines.values().copied().flatten().map(String::as_str).collect();

    // The header's functions are defined; no JNI entry point is there.
    for function in common::header_functions() {
        assert!(
            defined.contains(function.as_str()),
            "{function} is not defined in {lib:?}"
        );
    }
    assert!(
        !defined.iter().any(|s| s.starts_with("Java_") || *s == "JNI_OnLoad"),
        "JNI in the bare-metal build"
    );

    // What the firmware must provide: only abort and memory functions. A
    // linker takes from the archive the library's object and, transitively,
    // the members defining what it needs (the compiler's intrinsics, from
    // compiler_builtins); what none defines comes from the firmware.
    let library: Vec<&str> = defines
        .iter()
        .filter(|(_, syms)| syms.contains("iot_error_describe"))
        .map(|(member, _)| *member)
        .collect();
    assert_eq!(library.len(), 1, "one object defines the library: {library:?}");
    let mut pulled: BTreeSet<&str> = library.iter().copied().collect();
    let mut firmware: BTreeSet<&str> = BTreeSet::new();
    let mut todo: Vec<&str> = library.clone();
    while let Some(member) = todo.pop() {
        for symbol in needs.get(member).into_iter().copied().flatten() {
            let symbol = symbol.as_str();
            match defines.iter().find(|(_, syms)| syms.contains(symbol)) {
                Some((provider, _)) if pulled.insert(provider) => todo.push(provider),
                Some(_) => {}
                None => {
                    firmware.insert(symbol);
                }
            }
        }
    }
    let unexpected: Vec<&&str> = firmware.iter().filter(|s| !ALLOWED_IMPORTS.contains(s)).collect();
    assert!(unexpected.is_empty(), "{lib:?} needs {unexpected:?} from the firmware");
    let missing = firmware;

    // A firmware image that calls every function links with nothing else:
    // rust-lld, every function a root, unused sections dropped. It fails on
    // any symbol left undefined, so this firmware needs nothing from a libc.
    let image = target_dir().join(&target).join("firmware.elf");
    let mut link = Command::new(rust_lld());
    link.args(["-flavor", "gnu", "--gc-sections", "-e", "iot_error_describe", "-o"])
        .arg(&image);
    for function in defined.iter().filter(|s| s.starts_with("iot_error_")) {
        link.args(["-u", function]);
    }
    common::run(link.arg(&lib));
    let image_size = Library::open(&image).loaded_size();

    // The library's own object (the rest is compiler_builtins, which a
    // firmware's linker takes only what it calls from).
    let library_object = members.iter().find(|m| m.name == library[0]).unwrap().text_size;
    println!(
        "{target}: {lib:?} {} bytes; its library object {library_object} bytes of text and read-only data; \
         needs from the firmware: {missing:?}; a firmware image with every function: {image_size} bytes",
        size(&lib),
    );
    // docs/platforms.md's row for the target gives both sizes.
    let page = "docs/platforms.md";
    let text = fs::read_to_string(common::root().join(page)).unwrap();
    let table = common::figures::Table::find(page, &text, "## Cross targets");
    let stated = BTreeMap::from([(target.clone(), size(&lib))]);
    table.check_sizes("`.a`", &stated, &other_rows(&table, &target));
    let firmware = format!("({} bytes)", common::figures::with_commas(image_size));
    let tested = table.cell(&target, "How it is tested");
    assert!(
        tested.contains(&firmware),
        "{page}: the {target} row says {tested:?}; the firmware image is {firmware}"
    );
}

/// The keys of `table`'s rows other than `key` (checked by checks/tests/symbols.rs).
fn other_rows<'a>(table: &'a common::figures::Table, key: &str) -> Vec<&'a str> {
    table.keys().filter(|k| *k != key).collect()
}

#[test]
fn openwrt_aarch64_musl_shared_library() {
    let target = musl();
    if !common::target_installed(&target) {
        return;
    }
    // The musl targets link statically by default, which leaves no cdylib:
    // -crt-static makes the .so. The library calls no libc function, so the
    // toolchain's own rust-lld links it: no cross C compiler, no musl sysroot.
    // Both are .cargo/config.toml's; the command is docs/c.md's.
    let mut build = cargo(&musl_build());
    build.arg("--quiet");
    common::run(&mut build);
    let release = target_dir().join(&target).join("release");
    let so = release.join("libiot_error_codes.so");
    let a = release.join("libiot_error_codes.a");
    assert!(so.is_file() && a.is_file(), "no {so:?} or {a:?}");

    let lib = Library::open(&so);
    assert_eq!(
        (Some(lib.machine()), lib.is_64(), lib.is_shared()),
        (inspect::machine_of(&target), true, true),
        "{so:?}: a 64-bit shared library of the target's machine"
    );

    // Exports: the header's functions, plus the JNI entry points (Android-style
    // Java on the gateway); nothing of Rust's libraries.
    let exported = lib.export_names();
    // (checks/tests/symbols.rs checks the exact list on the host.)
    for function in common::header_functions() {
        assert!(exported.contains(&function), "{so:?} does not export {function}");
    }
    let foreign: Vec<&String> = exported
        .iter()
        .filter(|s| !s.starts_with("iot_error_") && !s.starts_with("Java_iot_errorcodes_") && *s != "JNI_OnLoad")
        .collect();
    assert!(foreign.is_empty(), "{so:?} exports {foreign:?}");
    assert!(exported.contains("JNI_OnLoad"));

    // Imports: none (checks/tests/symbols.rs checks every shipped target).
    let imported = lib.imports();
    assert!(imported.is_empty(), "{so:?} imports {imported:?}");

    // Needed libraries: none of those an OpenWrt image may lack.
    let needed = lib.needed();
    for lib in &needed {
        assert!(
            !FORBIDDEN_NEEDED.iter().any(|f| lib.starts_with(&format!("{f}."))),
            "{so:?} needs {lib}"
        );
    }

    // The release profile strips it: no symbol table beyond the dynamic one.
    assert!(!lib.section_names().contains(".symtab"), "{so:?} is not stripped");
    println!(
        "{target}: {so:?} {} bytes (stripped), {a:?} {} bytes; imports {imported:?}; needs {needed:?}",
        size(&so),
        size(&a)
    );
}

/// The gateways' tier-2 targets that `cargo build --target` builds with
/// nothing but .cargo/config.toml (rust-lld, no cross C compiler): the
/// cargo-build rows of capi/targets.tsv.
#[test]
fn cargo_builds_the_gateway_libraries_with_no_environment() {
    assert!(
        c_page_section().contains("cargo build --release -p iot-error-codes-capi --target <TARGET>"),
        "docs/c.md shows the plain cargo build"
    );
    for row in targets::checked_by("cargo-build") {
        let target = row.triple.as_str();
        if !common::target_installed(target) {
            return;
        }
        common::run(&mut cargo(&[
            "build",
            "--release",
            "--quiet",
            "-p",
            "iot-error-codes-capi",
            "--target",
            target,
        ]));
        let so = target_dir().join(target).join("release/libiot_error_codes.so");
        assert_eq!(
            Some(Library::open(&so).machine()),
            inspect::machine_of(target),
            "{so:?}"
        );
        println!("{target}: cargo build: {so:?} {} bytes", size(&so));
    }
}
