//! Portability, proven by building: the C library for a bare-metal Cortex-M
//! (`thumbv7em-none-eabihf`, a static library, no JNI) and for OpenWrt's
//! libc (`aarch64-unknown-linux-musl`, a shared library), with nothing but the
//! Rust toolchain: the musl `.so` and a test firmware image are linked by the
//! toolchain's own `rust-lld`, so no cross C compiler or sysroot is needed.
//! Each build is checked for what a firmware or a gateway needs: the right
//! machine, the header's functions, and no import beyond `abort` and the
//! memory functions.
//!
//! The commands are docs/c.md's ("Cross-compiling for ARM gateways"): the
//! musl build takes its linker and flags from there, and a test checks that
//! the page shows the commands run here. The sizes docs/platforms.md gives
//! are what these tests print (`cargo test --test cross -- --nocapture`).
//!
//! A target that `rustup target list --installed` lacks is skipped with a
//! message (`.ci/run` adds both; under CI a missing one fails).

use iot_error_codes_checks as common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BARE_METAL: &str = "thumbv7em-none-eabihf";
const MUSL: &str = "aarch64-unknown-linux-musl";

/// The bare-metal build, as docs/c.md gives it after `cargo`.
/// `cargo rustc --crate-type staticlib` builds only the .a: a cdylib does not
/// exist for a target without an OS, and `cargo build` would warn so.
const BARE_METAL_BUILD: &[&str] = &[
    "rustc",
    "--release",
    "-p",
    "iot-error-codes-capi",
    "--lib",
    "--crate-type",
    "staticlib",
    "--no-default-features",
    "--target",
    BARE_METAL,
];

/// The musl build, as docs/c.md gives it after `cargo`, with the
/// environment of [`c_page_musl_env`].
const MUSL_BUILD: &[&str] = &["build", "--release", "-p", "iot-error-codes-capi", "--target", MUSL];

/// docs/c.md's section "Cross-compiling for ARM gateways", with its OpenWrt and Cortex-M parts.
fn c_page_section() -> String {
    let page = fs::read_to_string(common::root().join("docs/c.md")).unwrap();
    let heading = "## Cross-compiling for ARM gateways";
    let start = page.find(heading).expect("docs/c.md's cross-compiling section");
    let rest = &page[start + heading.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// docs/c.md's `CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_*=value` lines:
/// the linker and flags of the musl build, taken from there so that the test
/// runs what the page says.
fn c_page_musl_env() -> Vec<(String, String)> {
    let prefix = format!("CARGO_TARGET_{}_", MUSL.to_uppercase().replace('-', "_"));
    c_page_section()
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(&prefix))
        .map(|line| {
            let (name, value) = line.trim_end_matches('\\').trim().split_once('=').unwrap();
            (name.to_string(), value.trim_matches('"').to_string())
        })
        .collect()
}

/// The SONAME install.sh gives, by capi/build-lib.sh's rule.
fn soname() -> String {
    common::lib_version("soname")
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

/// Whether the Rust standard library for `target` is installed; says how to
/// add it otherwise (a failure under CI).
fn target_installed(target: &str) -> bool {
    let how = format!(
        "`rustup target add {target}` (bash .ci/run does). A machine where rustup \
         refuses it cannot run this check (docs/c.md, \"Cross-compiling for ARM gateways\")"
    );
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(common::root())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let installed = String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == target);
            if !installed {
                common::skip(&format!("the Rust target {target} is not installed: {how}"));
            }
            installed
        }
        _ => {
            common::skip(&format!("rustup is not available to list the Rust targets: {how}"));
            false
        }
    }
}

/// A cargo command for a cross build in the shared nested target directory,
/// with no RUSTFLAGS from the environment (they would replace the target's).
fn cargo(args: &[&str]) -> Command {
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

/// A binutils tool's output (binutils read any ELF machine, ARM included).
fn tool(tool: &str, args: &[&str], file: &Path) -> String {
    let out = common::run(Command::new(tool).args(args).arg(file));
    String::from_utf8(out.stdout).unwrap()
}

/// The values of `field` ("Machine", "Class") in `readelf -h`, one per object.
fn elf_header_values(readelf: &str, field: &str) -> BTreeSet<String> {
    readelf
        .lines()
        .filter_map(|l| l.trim().strip_prefix(field)?.trim().strip_prefix(':'))
        .map(|v| v.trim().to_string())
        .collect()
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
    for (target, build) in [(BARE_METAL, BARE_METAL_BUILD), (MUSL, MUSL_BUILD)] {
        let command = format!("cargo {}", build.join(" "));
        assert!(rest.contains(&command), "docs/c.md does not show `{command}`");
        assert!(
            rest.contains(&format!("rustup target add {target}")),
            "docs/c.md does not add {target}"
        );
    }
    let env = c_page_musl_env();
    let musl = MUSL.to_uppercase().replace('-', "_");
    let get = |name: &str| {
        env.iter()
            .find(|(n, _)| *n == format!("CARGO_TARGET_{musl}_{name}"))
            .map(|(_, v)| v)
    };
    assert_eq!(get("LINKER").map(String::as_str), Some("rust-lld"), "{env:?}");
    let flags = get("RUSTFLAGS").expect("docs/c.md's musl RUSTFLAGS");
    assert!(flags.contains("-C target-feature=-crt-static"), "{flags}");
    assert!(
        flags.contains(&format!("--soname={}", soname())),
        "{flags}: the SONAME is {}",
        soname()
    );
}

#[test]
fn bare_metal_cortex_m_static_library() {
    if !target_installed(BARE_METAL) || !common::require("nm") || !common::require("readelf") {
        return;
    }
    common::run(cargo(BARE_METAL_BUILD).arg("--quiet"));
    let lib = target_dir().join(BARE_METAL).join("release/libiot_error_codes.a");
    assert!(lib.is_file(), "no {lib:?}");

    // Every member is a 32-bit ARM object.
    let header = tool("readelf", &["-h"], &lib);
    assert_eq!(
        elf_header_values(&header, "Machine"),
        BTreeSet::from(["ARM".to_string()])
    );
    assert_eq!(
        elf_header_values(&header, "Class"),
        BTreeSet::from(["ELF32".to_string()])
    );

    // Per member: what it defines and what it needs (`nm -A`: "lib.a:member.o: ...").
    let symbols = tool("nm", &["-A", "-g"], &lib);
    let mut defines: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for line in symbols.lines() {
        let Some((member, rest)) = line.rsplit_once(".o:").map(|(m, r)| (m.rsplit(':').next().unwrap(), r)) else {
            continue;
        };
        match rest.split_whitespace().collect::<Vec<_>>()[..] {
            ["U", name] => needs.entry(member).or_default().insert(name),
            [_, kind, name] if kind != "U" => defines.entry(member).or_default().insert(name),
            _ => false,
        };
    }
    let defined: BTreeSet<&str> = defines.values().flatten().copied().collect();

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
        for &symbol in needs.get(member).into_iter().flatten() {
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
    let image = target_dir().join(BARE_METAL).join("firmware.elf");
    let mut link = Command::new(rust_lld());
    link.args(["-flavor", "gnu", "--gc-sections", "-e", "iot_error_describe", "-o"])
        .arg(&image);
    for function in defined.iter().filter(|s| s.starts_with("iot_error_")) {
        link.args(["-u", function]);
    }
    common::run(link.arg(&lib));
    let image_size = tool("size", &[], &image);
    let image_size: u64 = image_size
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().nth(3)?.parse().ok())
        .unwrap();

    // The library's own object (the rest is compiler_builtins, which a
    // firmware's linker takes only what it calls from).
    let text = tool("size", &["-t"], &lib);
    let library_object = text
        .lines()
        .find(|l| l.contains(&format!("{}.o (ex", library[0])))
        .and_then(|l| l.split_whitespace().next()?.parse::<u64>().ok());
    println!(
        "{BARE_METAL}: {lib:?} {} bytes; its library object {} bytes of text and read-only data; \
         needs from the firmware: {missing:?}; a firmware image with every function: {image_size} bytes",
        size(&lib),
        library_object.map_or("?".into(), |n| n.to_string())
    );
}

#[test]
fn openwrt_aarch64_musl_shared_library() {
    if !target_installed(MUSL) || !common::require("nm") || !common::require("readelf") {
        return;
    }
    // The musl targets link statically by default, which leaves no cdylib:
    // -crt-static makes the .so. The library calls no libc function, so the
    // toolchain's own rust-lld links it: no cross C compiler, no musl sysroot.
    // Linker and flags are docs/c.md's.
    let mut build = cargo(MUSL_BUILD);
    build.arg("--quiet").envs(c_page_musl_env());
    common::run(&mut build);
    let release = target_dir().join(MUSL).join("release");
    let so = release.join("libiot_error_codes.so");
    let a = release.join("libiot_error_codes.a");
    assert!(so.is_file() && a.is_file(), "no {so:?} or {a:?}");

    let header = tool("readelf", &["-h"], &so);
    assert_eq!(
        elf_header_values(&header, "Machine"),
        BTreeSet::from(["AArch64".to_string()])
    );
    assert_eq!(
        elf_header_values(&header, "Class"),
        BTreeSet::from(["ELF64".to_string()])
    );
    assert!(header.contains("DYN (Shared object file)"), "{header}");

    // Exports: the header's functions, plus the JNI entry points (Android-style
    // Java on the gateway); nothing of Rust's libraries.
    let exported = tool("nm", &["-D", "--defined-only"], &so);
    let exported: BTreeSet<String> = exported
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
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

    // Imports: abort and memory functions at most.
    let imported = tool("nm", &["-D", "--undefined-only"], &so);
    let imported: Vec<&str> = imported.lines().filter_map(|l| l.split_whitespace().last()).collect();
    let unexpected: Vec<&&str> = imported
        .iter()
        .filter(|s| !ALLOWED_IMPORTS.contains(&s.split('@').next().unwrap()))
        .collect();
    assert!(unexpected.is_empty(), "{so:?} imports {unexpected:?}");

    // Needed libraries: none of those an OpenWrt image may lack.
    let dynamic = tool("readelf", &["-d"], &so);
    let needed: Vec<&str> = dynamic
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| l.split('[').nth(1)?.split(']').next())
        .collect();
    for lib in &needed {
        assert!(
            !FORBIDDEN_NEEDED.iter().any(|f| lib.starts_with(&format!("{f}."))),
            "{so:?} needs {lib}"
        );
    }

    let soname_line = dynamic.lines().find(|l| l.contains("(SONAME)")).unwrap_or_default();
    assert!(
        soname_line.contains(&format!("[{}]", soname())),
        "SONAME: {soname_line:?}"
    );

    // The release profile strips it: no symbol table beyond the dynamic one.
    let sections = tool("readelf", &["-S", "-W"], &so);
    assert!(!sections.contains(".symtab"), "{so:?} is not stripped");
    println!(
        "{MUSL}: {so:?} {} bytes (stripped), {a:?} {} bytes; imports {imported:?}; needs {needed:?}",
        size(&so),
        size(&a)
    );
}
