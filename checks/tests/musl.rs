//! Alpine's loader: the musllinux wheels' libraries executed under musl.
//!
//! A musllinux wheel carries the library that capi/build-lib.sh --bundle
//! builds for the CPU's glibc target (bindings/python/build-dist.sh tags the
//! one wheel for both C libraries, since the library needs no C library at
//! all). Here that library is loaded the way CPython's ctypes loads it on
//! Alpine, with dlopen in a program whose interpreter is musl's loader, and
//! the C API test (checks/c/api_test.c, the spec as oracle, linked through
//! checks/c/load_at_run_time.c) must pass as many checks as on this machine,
//! none failing:
//!
//! - x86_64: built by Debian's musl-gcc (interpreter /lib/ld-musl-x86_64.so.1);
//! - aarch64: built by Debian's aarch64-linux-gnu-gcc with the musl-gcc.specs
//!   of Debian's arm64 musl-dev, pointed into the private arm64 root of
//!   checks/foreign-root.sh, and run with that root's musl under qemu-aarch64.
//!
//! Needs musl-tools, qemu-user, the aarch64 cross gcc, the arm64 root and the
//! Rust targets: `bash .ci/run` provides them. Elsewhere a missing one is
//! SKIPPED with the reason; under CI it fails.

use iot_error_codes_checks as common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::inspect::Library;

/// The library the musllinux wheel for `target`'s CPU carries.
fn wheel_library(target: &str) -> Option<std::path::PathBuf> {
    common::target_installed(target).then(|| common::build_lib(&format!("musl-{target}"), Some(target), true))
}

fn assert_interpreter(exe: &Path, loader: &str) {
    let interpreter = Library::open(exe).elf_interpreter();
    assert_eq!(interpreter.as_deref(), Some(loader), "{}", exe.display());
}

#[test]
fn x86_64_library_under_musl_loader() {
    if !cfg!(target_arch = "x86_64") {
        common::skip("musl's x86_64 loader runs on an x86_64 machine only");
        return;
    }
    if !common::require("musl-gcc") {
        return;
    }
    let Some(lib) = wheel_library("x86_64-unknown-linux-gnu") else {
        return;
    };
    let exe = common::api_test_loading_at_run_time("musl-x86_64", &["musl-gcc"], false);
    assert_interpreter(&exe, "/lib/ld-musl-x86_64.so.1");
    let out = common::run(
        Command::new(&exe)
            .args(common::api_test_args())
            .env("IOT_ERROR_CODES_LIBRARY", &lib),
    );
    common::api_test_passed_as_natively("api_test under musl's x86_64 loader", &out);
}

#[test]
fn aarch64_library_under_musl_loader_in_qemu() {
    let cpu = common::foreign_cpus()
        .into_iter()
        .find(|cpu| cpu.debian == "arm64")
        .expect("capi/targets.tsv: a row with the arm64 root");
    if !common::require(&cpu.cc) {
        return;
    }
    let Some(root) = cpu.root() else { return };
    let Some(lib) = wheel_library("aarch64-unknown-linux-gnu") else {
        return;
    };
    // musl-gcc's specs name /usr/include/aarch64-linux-musl, the start files in
    // /usr/lib/aarch64-linux-musl and -L of that folder, which holds only the
    // static libc.a: into the root, and -L the folder of the shared libc.so.
    let specs = root.join("usr/lib/aarch64-linux-musl/musl-gcc.specs");
    let text = fs::read_to_string(&specs).unwrap_or_else(|e| panic!("{}: {e}", specs.display()));
    let r = root.display();
    let static_dir = "-L/usr/lib/aarch64-linux-musl";
    assert!(
        text.contains(static_dir) && text.contains(" /usr/include/"),
        "{}: {text}",
        specs.display()
    );
    let adapted = text
        .replace(static_dir, &format!("-L{r}/lib/aarch64-linux-musl"))
        .replace(" /usr/", &format!(" {r}/usr/"));
    let adapted_specs = common::scratch("musl-aarch64-specs").join("musl-gcc.specs");
    fs::write(&adapted_specs, adapted).unwrap();
    let specs_arg = format!("-specs={}", adapted_specs.display());

    let exe = common::api_test_loading_at_run_time("musl-aarch64", &[&cpu.cc, &specs_arg], false);
    assert_interpreter(&exe, "/lib/ld-musl-aarch64.so.1");
    let out = common::run(
        Command::new(&cpu.qemu)
            .arg("-L")
            .arg(&root)
            .arg(&exe)
            .args(common::api_test_args())
            .env("IOT_ERROR_CODES_LIBRARY", &lib),
    );
    common::api_test_passed_as_natively("api_test under musl's aarch64 loader (qemu)", &out);
}
