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
//!   checks/tests/emulated.rs runs them.
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
fn the_library_imports_nothing_and_cannot_unwind() {
    let lib = shipped_library();
    let imports = nm(&["-D", "--undefined-only"], lib);
    assert!(imports.is_empty(), "{} imports {imports:?}", lib.display());
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

/// A target the library is shipped for: its ELF machine and byte order as
/// `readelf -h` names them.
struct Shipped {
    target: &'static str,
    machine: &'static str,
    big_endian: bool,
}

/// Builds the library for `target` as install.sh, dist.sh, the JAR, the AAR
/// and the wheels do (capi/build-lib.sh) and checks that the `.so` imports no
/// symbol and needs no library, and that the `.a`'s library object leaves
/// nothing undefined but [`LINKER_DEFINED`]. Built and inspected only; the
/// runs are checks/tests/emulated.rs's.
fn imports_nothing(shipped: Shipped) {
    let Shipped {
        target,
        machine,
        big_endian,
    } = shipped;
    // MIPS is tier 3, and rustup may have no armv7 musl library: there
    // capi/build-lib.sh builds `core` with nightly.
    let build_std = matches!(
        target,
        "mips-unknown-linux-musl" | "mipsel-unknown-linux-musl" | "armv7-unknown-linux-musleabihf"
    );
    let have_rust = if build_std {
        common::build_lib_can_target(target)
    } else {
        common::target_installed(target)
    };
    if !have_rust || !common::require("nm") || !common::require("readelf") {
        return;
    }
    // The AAR carries the Android libraries as --bundle builds it (no version in the name).
    let bundle = target.contains("android");
    let so = common::build_lib(&format!("lib-{target}"), Some(target), bundle);
    let a = so.with_file_name("libiot_error_codes.a");

    let header = String::from_utf8(common::run(Command::new("readelf").arg("-h").arg(&so)).stdout).unwrap();
    assert!(
        header.contains(&format!("Machine:                           {machine}")),
        "{target}: {header}"
    );
    let order = if big_endian { "big endian" } else { "little endian" };
    assert!(header.contains(order), "{target} is {order}: {header}");

    let imports = nm(&["-D", "--undefined-only"], &so);
    assert!(imports.is_empty(), "{target}: {} imports {imports:?}", so.display());
    let dynamic = String::from_utf8(common::run(Command::new("readelf").arg("-d").arg(&so)).stdout).unwrap();
    assert!(
        !dynamic.contains("(NEEDED)"),
        "{target}: {} needs libraries:\n{dynamic}",
        so.display()
    );

    // The archive's members: the library's one object (it defines the
    // functions; the rest is compiler_builtins, from which a program's linker
    // takes only what it calls).
    let mut library_undefined = BTreeSet::new();
    let mut library_members = BTreeSet::new();
    for line in nm(&["-A", "-g"], &a) {
        let Some((member, rest)) = line.rsplit_once(".o:") else {
            continue;
        };
        let member = member.rsplit(':').next().unwrap().to_string();
        match rest.split_whitespace().collect::<Vec<_>>()[..] {
            ["U", name] => {
                library_undefined.insert((member, name.to_string()));
            }
            [_, _, "iot_error_describe"] => {
                library_members.insert(member);
            }
            _ => {}
        }
    }
    assert_eq!(
        library_members.len(),
        1,
        "{target}: one object defines the library: {library_members:?}"
    );
    let undefined: Vec<&String> = library_undefined
        .iter()
        .filter(|(member, name)| library_members.contains(member) && !LINKER_DEFINED.contains(&name.as_str()))
        .map(|(_, name)| name)
        .collect();
    assert!(
        undefined.is_empty(),
        "{target}: {}'s library object needs {undefined:?}",
        a.display()
    );
    println!(
        "{target}: {} {} bytes (imports nothing), {} {} bytes",
        so.display(),
        fs::metadata(&so).unwrap().len(),
        a.display(),
        fs::metadata(&a).unwrap().len()
    );
}

macro_rules! shipped {
    ($($test:ident: $target:literal, $machine:literal, $big_endian:literal;)*) => {$(
        #[test]
        fn $test() {
            imports_nothing(Shipped { target: $target, machine: $machine, big_endian: $big_endian });
        }
    )*};
}

shipped! {
    imports_nothing_x86_64_gnu: "x86_64-unknown-linux-gnu", "Advanced Micro Devices X86-64", false;
    imports_nothing_aarch64_gnu: "aarch64-unknown-linux-gnu", "AArch64", false;
    imports_nothing_aarch64_musl: "aarch64-unknown-linux-musl", "AArch64", false;
    imports_nothing_armv7_gnueabihf: "armv7-unknown-linux-gnueabihf", "ARM", false;
    imports_nothing_armv7_musleabihf: "armv7-unknown-linux-musleabihf", "ARM", false;
    imports_nothing_mips_musl: "mips-unknown-linux-musl", "MIPS R3000", true;
    imports_nothing_mipsel_musl: "mipsel-unknown-linux-musl", "MIPS R3000", false;
    imports_nothing_aarch64_android: "aarch64-linux-android", "AArch64", false;
    imports_nothing_armv7_android: "armv7-linux-androideabi", "ARM", false;
    imports_nothing_i686_android: "i686-linux-android", "Intel 80386", false;
    imports_nothing_x86_64_android: "x86_64-linux-android", "Advanced Micro Devices X86-64", false;
}
