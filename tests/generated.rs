//! Every generated file that is committed must equal a fresh generation.
//!
//! build.rs generates these into OUT_DIR from src/catalog/ (and src/ffi.rs for
//! the header). A hand edit of a committed copy, or a change to the sources
//! without a refresh, fails here. Refresh them all with:
//!
//!     UPDATE_GENERATED=1 cargo test --test generated

use std::path::Path;
use std::{env, fs};

const OUT_DIR: &str = env!("OUT_DIR");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BEGIN: &str = "<!-- BEGIN CATALOG -->\n";
const END: &str = "<!-- END CATALOG -->\n";

fn updating() -> bool {
    env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1")
}

fn fresh(name: &str) -> String {
    fs::read_to_string(Path::new(OUT_DIR).join(name)).unwrap_or_else(|e| panic!("{name} in OUT_DIR: {e}"))
}

/// Compares (or, when updating, rewrites) a whole committed file.
fn check_file(generated: &str, committed: &str) {
    let want = fresh(generated);
    let path = Path::new(ROOT).join(committed);
    let have = fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if updating() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, want).unwrap();
        eprintln!("updated {committed}");
        return;
    }
    let line = have
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .map_or_else(|| have.lines().count().min(want.lines().count()) + 1, |i| i + 1);
    panic!(
        "{committed} differs from what build.rs generates (first difference at line {line}).\n\
         It is generated: do not edit it by hand. Refresh it with\n    UPDATE_GENERATED=1 cargo test --test generated"
    );
}

#[test]
fn c_header_is_current() {
    check_file("iot_error_codes.h", "include/iot_error_codes.h");
}

#[test]
fn python_enum_is_current() {
    check_file("_catalog.py", "bindings/python/iot_error_codes/_catalog.py");
}

#[test]
fn java_enum_is_current() {
    check_file("ErrorCode.java", "bindings/java/src/iot/errorcodes/ErrorCode.java");
}

#[test]
fn readme_catalog_is_current() {
    let want = fresh("README.catalog.md");
    let path = Path::new(ROOT).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(BEGIN)
        .expect("README.md has no <!-- BEGIN CATALOG --> line")
        + BEGIN.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README.md has no <!-- END CATALOG --> line");
    if readme[start..end] == want {
        return;
    }
    if updating() {
        fs::write(&path, format!("{}{}{}", &readme[..start], want, &readme[end..])).unwrap();
        eprintln!("updated the catalog table in README.md");
        return;
    }
    panic!(
        "the catalog table in README.md differs from what build.rs generates.\n\
         Refresh it with\n    UPDATE_GENERATED=1 cargo test --test generated"
    );
}
