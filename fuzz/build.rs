//! Tells the oracle where the spec file is, found by the library's own rule
//! (`src/catalog/source.rs`, which the library's build.rs and tests use too):
//! the one `src/catalog/uws-error-codes-v<MAJOR>.<MINOR>.<PATCH>.md`. None,
//! or an old spec left beside a new one, stops the build naming the files.

#[path = "../src/catalog/source.rs"]
mod source;

use std::env;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("..");
    let catalog = root.join(source::DIR);
    println!("cargo:rerun-if-changed={}", catalog.display());
    let spec = source::spec_file(&catalog).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "cargo:rustc-env=IOT_SPEC_PATH={}",
        spec.canonicalize().unwrap().display()
    );
}
