//! What the libraries export and import.
//!
//! - The shipped shared library (the release staticlib linked by
//!   capi/build-lib.sh) exports exactly api/c-symbols.tsv's symbols, each
//!   with its version node, and the header's functions are all among them.
//! - It imports nothing but `abort` and memory functions, needs no libgcc_s,
//!   libpthread, libdl or libm, and has no unwinding machinery: a panic aborts
//!   (src/panic.rs).
//! - A Rust program built against the plain crate exports no `iot_error_*` or
//!   `Java_*` symbol: the C ABI and JNI are behind features.

use iot_error_codes_checks as common;

use std::collections::BTreeSet;
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

/// The defined dynamic symbols of `lib` with their version nodes (`objdump -T`).
fn exported_with_versions(lib: &Path) -> BTreeSet<(String, String)> {
    let out = common::run(Command::new("objdump").arg("-T").arg(lib));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains(" g ") && !l.contains("*UND*"))
        .filter_map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let (node, symbol) = (fields[fields.len() - 2], fields[fields.len() - 1]);
            (symbol != node).then(|| (symbol.to_string(), node.to_string()))
        })
        .collect()
}

fn nm(args: &[&str], file: &Path) -> Vec<String> {
    let out = common::run(Command::new("nm").args(args).arg(file));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_shipped_library_exports_the_released_symbols_with_their_versions() {
    if !common::require("objdump") {
        return;
    }
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
fn the_library_imports_almost_nothing_and_cannot_unwind() {
    let lib = shipped_library();
    let allowed = ["abort", "memcpy", "memmove", "memset", "memcmp", "bcmp"];
    for line in nm(&["-D", "--undefined-only"], lib) {
        let symbol = line.split_whitespace().last().unwrap_or_default();
        let symbol = symbol.split('@').next().unwrap_or_default();
        assert!(allowed.contains(&symbol), "{} imports {symbol}", lib.display());
    }
    let dynamic = common::run(Command::new("readelf").arg("-d").arg(lib));
    let dynamic = String::from_utf8(dynamic.stdout).unwrap();
    for library in ["libgcc_s", "libpthread", "libdl", "libm.", "libstdc++"] {
        assert!(
            !dynamic.contains(library),
            "{} needs {library}:\n{dynamic}",
            lib.display()
        );
    }
    // No personality routine or unwinder: nothing can unwind into C, Java or Python.
    for line in nm(&["-D"], lib) {
        assert!(!line.contains("_Unwind_") && !line.contains("personality"), "{line}");
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
    let plain: BTreeSet<String> = nm(&["-D", "--defined-only"], &release)
        .iter()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
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
    for line in nm(&[], &exe) {
        let symbol = line.split_whitespace().last().unwrap_or_default();
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
