//! What the libraries export and import.
//!
//! - The shipped shared library (the release staticlib linked by
//!   capi/build-lib.sh) exports exactly api/c-symbols.tsv's symbols, each
//!   with its version node, and the header's functions are all among them.
//! - It imports nothing, needs no libgcc_s, libpthread, libdl or libm, and
//!   has no unwinding machinery: a panic aborts (src/panic.rs).
//! - So for every target we ship, from x86-64 to OpenWrt's MIPS and Android:
//!   built with capi/build-lib.sh, its `.so` imports no symbol and needs no
//!   library, and its `.a`'s library object leaves nothing undefined but what
//!   a linker defines itself ([`LINKER_DEFINED`]). Built and inspected here;
//!   checks/tests/emulated.rs runs them. The sizes of these builds are the
//!   ones docs/platforms.md's table of cross targets gives.
//! - A Rust program built against the plain crate exports no `iot_error_*` or
//!   `Java_*` symbol: the C ABI and JNI are behind features.

use common::inspect::{self, Library};
use common::targets;
use iot_error_codes_checks as common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// api/c-symbols.tsv: (symbol, version node).
fn released_symbols() -> BTreeSet<(String, String)> {
    let text = fs::read_to_string(common::root().join("api/c-symbols.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (symbol, node) = l.split_once('\t').expect("SYMBOL<TAB>NODE");
            (symbol.to_string(), node.to_string())
        })
        .collect()
}

/// The shipped C library (capi/build-lib.sh), once per test process.
fn shipped_library() -> &'static Path {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| common::build_lib("release", None, false))
}

/// The defined dynamic symbols of `lib` with their version nodes.
fn exported_with_versions(lib: &Path) -> BTreeSet<(String, String)> {
    Library::open(lib)
        .exports()
        .into_iter()
        .filter_map(|s| Some((s.name, s.version?)))
        .collect()
}

#[test]
fn the_shipped_library_exports_the_released_symbols_with_their_versions() {
    let exported = exported_with_versions(shipped_library());
    let released = released_symbols();
    assert_eq!(
        exported, released,
        "the .so's exports (left) differ from api/c-symbols.tsv (right)"
    );
    let c_functions: BTreeSet<String> = exported
        .iter()
        .map(|(s, _)| s.clone())
        .filter(|s| s.starts_with("iot_error_"))
        .collect();
    assert_eq!(
        c_functions,
        common::header_functions(),
        "the .so's C functions differ from the header's"
    );
}

#[test]
fn the_library_imports_nothing_and_cannot_unwind() {
    let lib = Library::open(shipped_library());
    let imports = lib.imports();
    assert!(imports.is_empty(), "{} imports {imports:?}", lib.path.display());
    // No library at all, so none of libgcc_s, libpthread, libdl, libm or libstdc++.
    let needed = lib.needed();
    assert!(needed.is_empty(), "{} needs {needed:?}", lib.path.display());
    // No personality routine or unwinder: nothing can unwind into C, Java or Python.
    for symbol in lib.export_names() {
        assert!(
            !symbol.contains("_Unwind_") && !symbol.contains("personality"),
            "{symbol}"
        );
    }
}

#[test]
fn cargo_builds_the_same_exports_without_versions() {
    let target = common::nested_target_dir("release-cargo");
    common::run(
        Command::new(env!("CARGO"))
            .args(["build", "--release", "--quiet", "-p", "iot-error-codes-capi"])
            .current_dir(common::root())
            .env("CARGO_TARGET_DIR", &target),
    );
    let release = target.join("release/libiot_error_codes.so");
    let plain = Library::open(&release).export_names();
    let released: BTreeSet<String> = released_symbols().into_iter().map(|(s, _)| s).collect();
    assert_eq!(plain, released, "{} exports", release.display());
}

#[test]
fn a_rust_program_using_the_plain_crate_exports_nothing_of_it() {
    let dir = common::scratch("plain-consumer");
    fs::create_dir_all(dir.join("src")).unwrap();
    let root = common::root();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"plain-consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\niot-error-codes = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )
    .unwrap();
    fs::write(
        dir.join("src/main.rs"),
        "fn main() { println!(\"{:?}\", iot_error_codes::lookup(\"D00004\").map(|c| c.name())); }\n",
    )
    .unwrap();
    let target = common::nested_target_dir("plain-consumer");
    common::run(
        Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--offline"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target),
    );
    let exe = target.join("debug/plain-consumer");
    let out = common::run(&mut Command::new(&exe));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Some(\"TOKEN_EXPIRED\")\n");
    for symbol in Library::open(&exe).symbol_names() {
        assert!(
            !symbol.starts_with("iot_error_") && !symbol.starts_with("Java_") && symbol != "JNI_OnLoad",
            "a program built against the plain crate has {symbol}"
        );
    }
    // The dependency tree of the plain crate has no generator in it.
    let tree = common::run(
        Command::new(env!("CARGO"))
            .args(["tree", "--offline", "-e", "normal,build", "-p", "iot-error-codes"])
            .current_dir(&dir),
    );
    let tree = String::from_utf8(tree.stdout).unwrap();
    for generator in ["cbindgen", "syn", "serde"] {
        assert!(!tree.contains(generator), "the crate depends on {generator}:\n{tree}");
    }
}

// --- every shipped target ------------------------------------------------------

/// What the library object of a `.a` may leave undefined: symbols that the
/// linker itself defines while linking, never a library's. `_gp_disp` is the
/// MIPS o32 global pointer of position-independent code, and
/// `_GLOBAL_OFFSET_TABLE_` the GOT of 32-bit x86's. Nothing else: no libc
/// function (the panic handler's `abort` is unreachable and dropped by
/// link-time optimisation), no `memcmp`/`bcmp` (src/lookup.rs compares words)
/// and no ARM unwinder personality (capi/build-lib.sh drops the ARM unwind
/// tables that name it).
const LINKER_DEFINED: &[&str] = &["_gp_disp", "_GLOBAL_OFFSET_TABLE_"];

/// Builds the library for `target` as install.sh, dist.sh, the JAR, the AAR
/// and the wheels do (capi/build-lib.sh) and checks that it is built for the
/// target's machine and byte order (named by its triple), that the `.so`
/// imports no symbol and needs no library, and that the `.a`'s library object
/// leaves nothing undefined but [`LINKER_DEFINED`]. Built and inspected only;
/// the runs are checks/tests/emulated.rs's. Returns the sizes of the `.so` and
/// the `.a`, or `None` when this machine cannot build for the target.
fn imports_nothing(target: &targets::Target) -> Option<(u64, u64)> {
    let triple = target.triple.as_str();
    if !common::rust_for(target) {
        return None;
    }
    // The AAR carries the Android libraries as --bundle builds it (no version in the name).
    let bundle = target.aar.is_some();
    let so = common::build_lib(&format!("lib-{triple}"), Some(triple), bundle);
    let a = so.with_file_name("libiot_error_codes.a");

    let lib = Library::open(&so);
    assert_eq!(
        Some(lib.machine()),
        inspect::machine_of(triple),
        "{triple}: {}",
        so.display()
    );
    assert_eq!(
        lib.is_big_endian(),
        inspect::big_endian_of(triple),
        "{triple}: byte order"
    );
    let imports = lib.imports();
    assert!(imports.is_empty(), "{triple}: {} imports {imports:?}", so.display());
    let needed = lib.needed();
    assert!(needed.is_empty(), "{triple}: {} needs {needed:?}", so.display());

    // The archive's members: the library's one object (it defines the
    // functions; the rest is compiler_builtins, from which a program's linker
    // takes only what it calls).
    let members = inspect::archive_members(&a);
    let library: Vec<&inspect::Member> = members
        .iter()
        .filter(|m| m.defined.contains("iot_error_describe"))
        .collect();
    assert_eq!(
        library.len(),
        1,
        "{triple}: one object defines the library: {library:?}"
    );
    let undefined: Vec<&String> = library[0]
        .undefined
        .iter()
        .filter(|name| !LINKER_DEFINED.contains(&name.as_str()))
        .collect();
    assert!(
        undefined.is_empty(),
        "{triple}: {}'s library object needs {undefined:?}",
        a.display()
    );
    let sizes = (fs::metadata(&so).unwrap().len(), fs::metadata(&a).unwrap().len());
    println!(
        "{triple}: {} {} bytes (imports nothing), {} {} bytes",
        so.display(),
        sizes.0,
        a.display(),
        sizes.1
    );
    Some(sizes)
}

/// Every target of capi/targets.tsv with a shared library; then the sizes
/// docs/platforms.md gives for them, which must be these builds' (the `.a`
/// of the bare-metal row, which has no `.so`, is checks/tests/cross.rs's).
#[test]
fn every_shipped_target_imports_nothing() {
    let shipped: Vec<targets::Target> = targets::all().into_iter().filter(|t| t.ships("so")).collect();
    assert!(shipped.len() >= 11, "capi/targets.tsv ships too few: {shipped:?}");
    let mut so_sizes = BTreeMap::new();
    let mut a_sizes = BTreeMap::new();
    for target in &shipped {
        if let Some((so, a)) = imports_nothing(target) {
            so_sizes.insert(target.triple.clone(), so);
            a_sizes.insert(target.triple.clone(), a);
        }
    }
    if so_sizes.len() < shipped.len() {
        return common::skip("docs/platforms.md's sizes: not every target was built");
    }
    let page = "docs/platforms.md";
    let text = fs::read_to_string(common::root().join(page)).unwrap();
    let table = common::figures::Table::find(page, &text, "## Cross targets");
    table.check_sizes("`.so`", &so_sizes, &[]);
    let bare_metal: Vec<String> = targets::checked_by("bare-metal")
        .into_iter()
        .map(|t| t.triple)
        .collect();
    let bare_metal: Vec<&str> = bare_metal.iter().map(String::as_str).collect();
    table.check_sizes("`.a`", &a_sizes, &bare_metal);
}
