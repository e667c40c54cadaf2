//! The developers' desks: the Windows and macOS libraries that
//! capi/build-lib.sh links with rust-lld (no SDK, no C cross compiler).
//!
//! - Inspected, every row of capi/targets.tsv whose lib is dll or dylib (PE
//!   and Mach-O read with the `object` crate, checks/src/inspect.rs and
//!   macho.rs): the format its lib names, its triple's machine, a shared
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
//! - Executed: the C API test (checks/c/api_test.c, the spec as oracle)
//!   compiled by the row's cc, mingw-w64's gcc (-std=c99 -pedantic), against
//!   the DLL of the table's one row whose run is wine (x86_64),
//!   once through its import library and once loading it with LoadLibrary
//!   (checks/c/load_at_run_time.c), run under wine64 in a private prefix; it
//!   must pass as many checks as on this machine, none failing.
//!
//! Needs the Rust targets (rustup), and for the wine runs wine64
//! (/usr/lib/wine/wine64, Debian's `wine64`) and x86_64-w64-mingw32-gcc
//! (`gcc-mingw-w64-x86-64`): `bash .ci/run` installs them. Elsewhere a missing
//! one is SKIPPED with the reason; under CI it fails.

use iot_error_codes_checks as common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::{env, fs};

use common::inspect::{self, Format, Library};
use common::macho;
use common::targets::{self, Run, Target};

/// The rows of capi/targets.tsv that ship a DLL or a dylib, in its order.
fn desktops() -> &'static [Target] {
    static ROWS: OnceLock<Vec<Target>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let rows: Vec<Target> = targets::all()
            .into_iter()
            .filter(|t| t.ships("dll") || t.ships("dylib"))
            .collect();
        assert!(
            rows.iter().any(|t| t.ships("dll")) && rows.iter().any(|t| t.ships("dylib")),
            "capi/targets.tsv has no row with lib dll, or none with dylib"
        );
        rows
    })
}

/// The format the table's `lib` column says a row's library is in.
fn format_of(target: &Target) -> Format {
    match (target.ships("dll"), target.ships("dylib")) {
        (true, false) => Format::Pe,
        (false, true) => Format::MachO,
        _ => panic!("{}: lib is dll or dylib, not {:?}", target.triple, target.lib),
    }
}

/// The one DLL row the C API test runs against under wine (`run` wine).
fn wine_target() -> &'static Target {
    let mut rows = desktops().iter().filter(|t| t.run == Run::Wine);
    let row = rows.next().expect("capi/targets.tsv has no dll row with run wine");
    assert!(rows.next().is_none(), "capi/targets.tsv has two rows with run wine");
    assert!(row.ships("dll"), "{}: run wine, but lib is not dll", row.triple);
    row
}

/// The library capi/build-lib.sh --bundle builds for `target`, once per
/// test process (the inspection and the wine runs share the x86_64 DLL);
/// `None` if the Rust target is missing (skipped, or a failure under CI).
fn library(target: &Target) -> Option<PathBuf> {
    static BUILT: OnceLock<Vec<OnceLock<PathBuf>>> = OnceLock::new();
    let built = BUILT.get_or_init(|| desktops().iter().map(|_| OnceLock::new()).collect());
    let index = desktops().iter().position(|d| d.triple == target.triple).unwrap();
    let triple = &target.triple;
    if !common::target_installed(triple) {
        return None;
    }
    Some(
        built[index]
            .get_or_init(|| common::build_lib(&format!("desktop-{triple}"), Some(triple), true))
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

fn assert_no_build_path(path: &Path, bytes: &[u8]) {
    if let Some((build_path, at)) = inspect::find_any(bytes, &build_paths()) {
        panic!("{} holds the build path {build_path:?} at byte {at}", path.display());
    }
}

/// What every library is, whatever its format: the format its `lib` cell
/// names, the machine its triple's CPU names.
fn inspect_common(target: &Target, lib: &Library) {
    let triple = &target.triple;
    let machine = inspect::machine_of(triple).unwrap_or_else(|| panic!("{triple}: no machine known for its CPU"));
    assert_eq!(lib.format(), format_of(target), "{triple}");
    assert_eq!(lib.machine(), machine, "{triple}");
    assert!(lib.is_shared(), "{triple}: not a shared library");
    assert_no_build_path(&lib.path, lib.bytes());
}

fn inspect_windows(target: &Target) {
    let Some(dll) = library(target) else { return };
    let triple = &target.triple;
    assert_eq!(dll.file_name().unwrap(), "iot_error_codes.dll");
    let lib = Library::open(&dll);
    inspect_common(target, &lib);
    assert_eq!(
        lib.export_names(),
        expected_exports(),
        "{triple}: the DLL's exports (left)"
    );
    assert_eq!(lib.imports_by_library(), BTreeSet::new(), "{triple}: the DLL imports");
    assert!(!lib.names_a_pdb(), "{triple}: the DLL names a PDB");

    let implib = dll.with_file_name("iot_error_codes.dll.lib");
    let implib_bytes = fs::read(&implib).unwrap_or_else(|e| panic!("{}: {e}", implib.display()));
    let members = inspect::import_library_members(&implib_bytes, &implib);
    let expected: BTreeSet<(String, String)> = expected_exports()
        .into_iter()
        .map(|s| ("iot_error_codes.dll".to_string(), s))
        .collect();
    assert_eq!(members, expected, "{triple}: the import library's members (left)");
    assert_no_build_path(&implib, &implib_bytes);
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

fn inspect_macos(row: &Target) {
    let Some(path) = library(row) else { return };
    let target = row.triple.as_str();
    assert_eq!(path.file_name().unwrap(), "libiot_error_codes.dylib");
    let lib = Library::open(&path);
    inspect_common(row, &lib);
    let expected: BTreeSet<String> = expected_exports().iter().map(|s| format!("_{s}")).collect();
    assert_eq!(
        lib.export_names(),
        expected,
        "{target}: the symbol table's exports (left)"
    );
    assert_eq!(macho::exports_trie(&lib), expected, "{target}: the exports trie (left)");
    assert_eq!(lib.imports_by_library(), BTreeSet::new(), "{target}: undefined symbols");

    let dylib = macho::dylib(&lib);
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

    let signature = macho::verify_code_signature(&lib).unwrap_or_else(|e| panic!("{target}: the code signature: {e}"));
    assert!(signature.ad_hoc, "{target}: not signed ad hoc: {signature:?}");
    assert!(signature.pages > 0, "{target}: {signature:?}");
    // What codesign names an ad hoc signature by: the file's name.
    assert_eq!(
        signature.identifier, "libiot_error_codes.dylib",
        "{target}: {signature:?}"
    );
}

/// Every DLL of the table.
#[test]
fn windows_dlls_inspected() {
    for target in desktops().iter().filter(|t| t.ships("dll")) {
        inspect_windows(target);
    }
}

/// Every dylib of the table.
#[test]
fn macos_dylibs_inspected() {
    for target in desktops().iter().filter(|t| t.ships("dylib")) {
        inspect_macos(target);
    }
}

/// The sizes docs/platforms.md gives in its Windows and macOS table, and for
/// the x86_64 import library below it, are those of the libraries built here.
#[test]
fn the_sizes_platforms_md_states_are_the_built_ones() {
    let mut sizes = BTreeMap::new();
    let mut import_library = BTreeMap::new();
    for target in desktops() {
        let Some(lib) = library(target) else {
            return common::skip("docs/platforms.md's sizes: not every desktop library was built");
        };
        sizes.insert(target.triple.clone(), fs::metadata(&lib).unwrap().len());
        if target == wine_target() {
            let implib = lib.with_file_name("iot_error_codes.dll.lib");
            import_library.insert(
                "iot_error_codes.dll.lib".to_string(),
                fs::metadata(&implib).unwrap().len(),
            );
        }
    }
    let page = "docs/platforms.md";
    let text = fs::read_to_string(common::root().join(page)).unwrap();
    let table = common::figures::Table::find(page, &text, "## Windows and macOS");
    assert_eq!(table.check_sizes("Size", &sizes, &[]), desktops().len());
    assert_eq!(common::figures::check_sizes_of(page, &text, &import_library), 1);
}

/// A tampered page must fail the signature check: it reads the hashes.
#[test]
fn a_changed_byte_breaks_the_code_signature() {
    let first_dylib = desktops().iter().find(|t| t.ships("dylib")).unwrap();
    let Some(path) = library(first_dylib) else {
        return;
    };
    let shipped = Library::open(&path);
    macho::verify_code_signature(&shipped).expect("the shipped signature");
    let (signature_at, _) = macho::dylib(&shipped).code_signature.unwrap();
    let mut bytes = shipped.bytes().to_vec();
    bytes[signature_at / 2] ^= 1;
    let changed = common::scratch("desktop-changed-dylib").join("libiot_error_codes.dylib");
    fs::write(&changed, bytes).unwrap();
    let error = macho::verify_code_signature(&Library::open(&changed)).expect_err("a changed page passed");
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

/// The DLL of the table's `run` wine row and its `cc` (mingw-w64's gcc), if
/// wine64 and that compiler are here to run a test against it (skipped, or a
/// failure under CI, without them).
fn wine_ready() -> Option<(PathBuf, &'static str)> {
    let target = wine_target();
    let cc = target
        .cc
        .as_deref()
        .unwrap_or_else(|| panic!("{}: run wine, but no cc", target.triple));
    if !Path::new(WINE64).exists() {
        common::skip(&format!("no {WINE64} (Debian's wine64; bash .ci/run installs it)"));
        return None;
    }
    if !common::require(cc) {
        return None;
    }
    Some((library(target)?, cc))
}

#[test]
fn c_api_test_under_wine_through_the_import_library() {
    let Some((dll, cc)) = wine_ready() else { return };
    let dir = common::scratch("wine-import-library");
    let exe = dir.join("api_test.exe");
    common::run(
        Command::new(cc)
            .args(["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O1", "-I"])
            .arg(common::root().join("include"))
            .arg(common::root().join("checks/c/api_test.c"))
            .arg(dll.with_file_name("iot_error_codes.dll.lib"))
            .arg("-o")
            .arg(&exe),
    );
    let imports = Library::open(&exe).imports_by_library();
    assert!(
        imports
            .iter()
            .any(|(lib, name)| lib == "iot_error_codes.dll" && name == "iot_error_describe"),
        "the program does not import the DLL: {imports:?}"
    );
    // Windows finds a DLL beside the program first.
    fs::copy(&dll, dir.join("iot_error_codes.dll")).unwrap();
    common::api_test_passed_as_natively("api_test.exe under wine", &wine(&exe, &common::api_test_args(), &[]));
}

#[test]
fn c_api_test_under_wine_with_load_library() {
    let Some((dll, cc)) = wine_ready() else { return };
    let exe = common::api_test_loading_at_run_time("wine-load-library", &[cc], true);
    let imports = Library::open(&exe).imports_by_library();
    assert!(
        !imports
            .iter()
            .any(|(lib, _)| lib.eq_ignore_ascii_case("iot_error_codes.dll")),
        "the program imports the DLL instead of loading it: {imports:?}"
    );
    let out = wine(&exe, &common::api_test_args(), &[("IOT_ERROR_CODES_LIBRARY", &dll)]);
    common::api_test_passed_as_natively("api_test.exe (LoadLibrary) under wine", &out);
}
