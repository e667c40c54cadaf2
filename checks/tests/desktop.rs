//! The developers' desks: the Windows and macOS libraries that
//! capi/build-lib.sh links with rust-lld (no SDK, no C cross compiler).
//!
//! - Inspected, all five (PE and Mach-O read with the `object` crate,
//!   checks/src/library_file.rs and macho.rs): format, machine, a shared
//!   library; exports exactly the header's functions plus the JNI entry
//!   points of api/c-symbols.tsv; no build path (the checkout, the cargo and
//!   rustup homes, `/rustc/`) in any byte.
//!   - Windows: no imports, no PDB named, an import library that names the
//!     DLL and exactly its exports.
//!   - macOS: the exports trie (what dyld reads) agrees with the symbol table;
//!     the id `@rpath/libiot_error_codes.dylib`; loads libSystem alone and
//!     binds nothing (no bind, lazy-bind or weak-bind opcodes, no chained
//!     imports); the minimum macOS is rustc's deployment target for it; an ad
//!     hoc code signature whose every page hash is right.
//! - Executed: the C API test (tests/c/api_test.c, the spec as oracle)
//!   compiled by mingw-w64's gcc (-std=c99 -pedantic) against the x86_64 DLL,
//!   once through its import library and once loading it with LoadLibrary
//!   (tests/c/load_at_run_time.c), run under wine64 in a private prefix; it
//!   must pass as many checks as on this machine, none failing.
//!
//! Needs the Rust targets (rustup), and for the wine runs wine64
//! (/usr/lib/wine/wine64, Debian's `wine64`) and x86_64-w64-mingw32-gcc
//! (`gcc-mingw-w64-x86-64`): `bash .ci/run` installs them. Elsewhere a missing
//! one is SKIPPED with the reason; under CI it fails.

use iot_error_codes_checks as common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::{env, fs};

use common::library_file::{import_library, LibraryFile};
use common::macho;
use object::{Architecture, BinaryFormat};

/// A Windows or macOS target we ship a library for.
struct Desktop {
    target: &'static str,
    format: BinaryFormat,
    machine: Architecture,
}

/// The targets, in one place until the project's target table holds them.
const TARGETS: [Desktop; 5] = [
    Desktop {
        target: "x86_64-pc-windows-msvc",
        format: BinaryFormat::Pe,
        machine: Architecture::X86_64,
    },
    Desktop {
        target: "aarch64-pc-windows-msvc",
        format: BinaryFormat::Pe,
        machine: Architecture::Aarch64,
    },
    Desktop {
        target: "i686-pc-windows-msvc",
        format: BinaryFormat::Pe,
        machine: Architecture::I386,
    },
    Desktop {
        target: "aarch64-apple-darwin",
        format: BinaryFormat::MachO,
        machine: Architecture::Aarch64,
    },
    Desktop {
        target: "x86_64-apple-darwin",
        format: BinaryFormat::MachO,
        machine: Architecture::X86_64,
    },
];

fn desktop(target: &str) -> &'static Desktop {
    TARGETS.iter().find(|d| d.target == target).unwrap()
}

/// The library capi/build-lib.sh --bundle builds for `target`, once per
/// test process (the inspection and the wine runs share the x86_64 DLL);
/// `None` if the Rust target is missing (skipped, or a failure under CI).
fn library(target: &str) -> Option<PathBuf> {
    static BUILT: [OnceLock<PathBuf>; TARGETS.len()] = [const { OnceLock::new() }; TARGETS.len()];
    let index = TARGETS.iter().position(|d| d.target == target).unwrap();
    if !common::target_installed(target) {
        return None;
    }
    Some(
        BUILT[index]
            .get_or_init(|| common::build_lib(&format!("desktop-{target}"), Some(target), true))
            .clone(),
    )
}

/// What every library must export: the header's functions and the JNI
/// entry points that api/c-symbols.tsv lists.
fn expected_exports() -> BTreeSet<String> {
    let released = fs::read_to_string(common::root().join("api/c-symbols.tsv")).unwrap();
    let jni = released
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .filter(|s| s.starts_with("Java_") || s.starts_with("JNI_"))
        .map(str::to_string);
    let expected: BTreeSet<String> = common::header_functions().into_iter().chain(jni).collect();
    assert!(
        expected.iter().any(|s| s == "JNI_OnLoad"),
        "api/c-symbols.tsv lists no JNI_OnLoad"
    );
    expected
}

/// Paths of the machine that built a library, none of which may be in it.
fn build_paths() -> Vec<String> {
    let home = env::var("HOME").unwrap_or_default();
    let mut paths = vec![common::root().display().to_string(), "/rustc/".to_string()];
    for (var, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
        paths.push(env::var(var).unwrap_or_else(|_| format!("{home}/{default}")));
    }
    if home.len() > 1 {
        paths.push(home);
    }
    paths
}

fn assert_no_build_path(file: &LibraryFile) {
    if let Some((path, at)) = file.find_any(&build_paths()) {
        panic!("{} holds the build path {path:?} at byte {at}", file.path.display());
    }
}

/// What every library is, whatever its format.
fn inspect_common(desktop: &Desktop, lib: &LibraryFile) {
    assert_eq!(lib.format(), desktop.format, "{}", desktop.target);
    assert_eq!(lib.machine(), desktop.machine, "{}", desktop.target);
    assert!(lib.is_shared_library(), "{}: not a shared library", desktop.target);
    assert_no_build_path(lib);
}

fn inspect_windows(target: &str) {
    let Some(dll) = library(target) else { return };
    let desktop = desktop(target);
    assert_eq!(dll.file_name().unwrap(), "iot_error_codes.dll");
    let lib = LibraryFile::read(&dll);
    inspect_common(desktop, &lib);
    assert_eq!(lib.exports(), expected_exports(), "{target}: the DLL's exports (left)");
    assert_eq!(lib.imports(), BTreeSet::new(), "{target}: the DLL imports");
    assert!(!lib.names_a_pdb(), "{target}: the DLL names a PDB");

    let implib = dll.with_file_name("iot_error_codes.dll.lib");
    let members = import_library(&implib);
    let expected: BTreeSet<(String, String)> = expected_exports()
        .into_iter()
        .map(|s| ("iot_error_codes.dll".to_string(), s))
        .collect();
    assert_eq!(members, expected, "{target}: the import library's members (left)");
    assert_no_build_path(&LibraryFile {
        path: implib.clone(),
        bytes: fs::read(&implib).unwrap(),
    });
}

/// The minimum macOS rustc targets by default for `target`
/// (`rustc --print deployment-target`: MACOSX_DEPLOYMENT_TARGET=11.0).
fn rustc_deployment_target(target: &str) -> (u32, u32) {
    let out = common::run(
        Command::new("rustc")
            .args(["--print", "deployment-target", "--target", target])
            .env_remove("MACOSX_DEPLOYMENT_TARGET"),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let version = text.trim().rsplit('=').next().unwrap();
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

fn inspect_macos(target: &str) {
    let Some(path) = library(target) else { return };
    let desktop = desktop(target);
    assert_eq!(path.file_name().unwrap(), "libiot_error_codes.dylib");
    let lib = LibraryFile::read(&path);
    inspect_common(desktop, &lib);
    let expected: BTreeSet<String> = expected_exports().iter().map(|s| format!("_{s}")).collect();
    assert_eq!(lib.exports(), expected, "{target}: the symbol table's exports (left)");
    assert_eq!(
        macho::exports_trie(&lib.bytes),
        expected,
        "{target}: the exports trie (left)"
    );
    assert_eq!(lib.imports(), BTreeSet::new(), "{target}: undefined symbols");

    let dylib = macho::dylib(&lib.bytes);
    assert_eq!(
        dylib.id.as_deref(),
        Some("@rpath/libiot_error_codes.dylib"),
        "{target}: the id"
    );
    assert_eq!(
        dylib.loads,
        ["/usr/lib/libSystem.B.dylib"],
        "{target}: the libraries it loads"
    );
    assert_eq!(
        (
            dylib.bind_bytes,
            dylib.lazy_bind_bytes,
            dylib.weak_bind_bytes,
            dylib.chained_imports
        ),
        (0, 0, 0, 0),
        "{target}: binds, lazy binds, weak binds, chained imports"
    );
    assert_eq!(
        dylib.minimum_macos,
        Some(rustc_deployment_target(target)),
        "{target}: the minimum macOS"
    );

    let signature =
        macho::verify_code_signature(&lib.bytes).unwrap_or_else(|e| panic!("{target}: the code signature: {e}"));
    assert!(signature.ad_hoc, "{target}: not signed ad hoc: {signature:?}");
    assert!(signature.pages > 0, "{target}: {signature:?}");
    // What codesign names an ad hoc signature by: the file's name.
    assert_eq!(
        signature.identifier, "libiot_error_codes.dylib",
        "{target}: {signature:?}"
    );
}

#[test]
fn windows_x86_64_dll_inspected() {
    inspect_windows("x86_64-pc-windows-msvc");
}

#[test]
fn windows_aarch64_dll_inspected() {
    inspect_windows("aarch64-pc-windows-msvc");
}

#[test]
fn windows_i686_dll_inspected() {
    inspect_windows("i686-pc-windows-msvc");
}

#[test]
fn macos_aarch64_dylib_inspected() {
    inspect_macos("aarch64-apple-darwin");
}

#[test]
fn macos_x86_64_dylib_inspected() {
    inspect_macos("x86_64-apple-darwin");
}

/// A tampered page must fail the signature check: it reads the hashes.
#[test]
fn a_changed_byte_breaks_the_code_signature() {
    let Some(path) = library("aarch64-apple-darwin") else {
        return;
    };
    let mut bytes = fs::read(path).unwrap();
    macho::verify_code_signature(&bytes).expect("the shipped signature");
    let (signature_at, _) = macho::dylib(&bytes).code_signature.unwrap();
    bytes[signature_at / 2] ^= 1;
    let error = macho::verify_code_signature(&bytes).expect_err("a changed page passed");
    assert!(error.contains("does not match its hash"), "{error}");
}

/// Debian's wine64, not on the PATH.
const WINE64: &str = "/usr/lib/wine/wine64";

/// Runs the Windows program `exe` under wine64 with `args`, in a private
/// prefix under target/ (created by the first run, in about 6 s), with the
/// environment `envs`; one at a time, so that two first runs do not both
/// create the prefix. WINEDLLOVERRIDES keeps the prefix's creation from
/// asking to install wine's Mono and Gecko, which a C program never needs.
fn wine(exe: &Path, args: &[PathBuf], envs: &[(&str, &Path)]) -> std::process::Output {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let prefix = common::root().join("target/wine-prefix");
    let mut cmd = Command::new(WINE64);
    cmd.arg(exe)
        .args(args)
        .env("WINEPREFIX", &prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    for (name, value) in envs {
        cmd.env(name, value);
    }
    common::run(&mut cmd)
}

/// The x86_64 DLL, and whether wine64 and mingw-w64's gcc are here to run a
/// test against it (skipped, or a failure under CI, without them).
fn wine_ready() -> Option<PathBuf> {
    if !Path::new(WINE64).exists() {
        common::skip(&format!("no {WINE64} (Debian's wine64; bash .ci/run installs it)"));
        return None;
    }
    if !common::require("x86_64-w64-mingw32-gcc") {
        return None;
    }
    library("x86_64-pc-windows-msvc")
}

#[test]
fn c_api_test_under_wine_through_the_import_library() {
    let Some(dll) = wine_ready() else { return };
    let dir = common::scratch("wine-import-library");
    let exe = dir.join("api_test.exe");
    common::run(
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O1", "-I"])
            .arg(common::root().join("include"))
            .arg(common::root().join("tests/c/api_test.c"))
            .arg(dll.with_file_name("iot_error_codes.dll.lib"))
            .arg("-o")
            .arg(&exe),
    );
    let imports = LibraryFile::read(&exe).imports();
    assert!(
        imports
            .iter()
            .any(|(lib, name)| lib == "iot_error_codes.dll" && name == "iot_error_describe"),
        "the program does not import the DLL: {imports:?}"
    );
    // Windows finds a DLL beside the program first.
    fs::copy(&dll, dir.join("iot_error_codes.dll")).unwrap();
    let passed = common::api_test_passed("api_test.exe under wine", &wine(&exe, &common::api_test_args(), &[]));
    assert_eq!(
        passed,
        common::api_test_native_count(),
        "checks passed under wine and natively"
    );
}

#[test]
fn c_api_test_under_wine_with_load_library() {
    let Some(dll) = wine_ready() else { return };
    let exe = common::api_test_loading_at_run_time("wine-load-library", &["x86_64-w64-mingw32-gcc"], true);
    let imports = LibraryFile::read(&exe).imports();
    assert!(
        !imports
            .iter()
            .any(|(lib, _)| lib.eq_ignore_ascii_case("iot_error_codes.dll")),
        "the program imports the DLL instead of loading it: {imports:?}"
    );
    let out = wine(&exe, &common::api_test_args(), &[("IOT_ERROR_CODES_LIBRARY", &dll)]);
    let passed = common::api_test_passed("api_test.exe (LoadLibrary) under wine", &out);
    assert_eq!(
        passed,
        common::api_test_native_count(),
        "checks passed under wine and natively"
    );
}
