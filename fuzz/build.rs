//! Tells the oracle where the spec file is: the newest `src/catalog/*.md`,
//! found the way the library's own build script and tests find it.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let catalog = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("../src/catalog");
    println!("cargo:rerun-if-changed={}", catalog.display());
    let spec = fs::read_dir(&catalog)
        .expect("src/catalog")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .max()
        .expect("a spec file in src/catalog");
    println!("cargo:rustc-env=IOT_SPEC_PATH={}", spec.canonicalize().unwrap().display());
}
