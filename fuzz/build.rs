//! Tells the oracle where the spec file is: the one
//! `src/catalog/uws-error-codes-v*.md`. Anything else (none, or an old spec
//! left beside a new one) stops the build with the files it found: the same
//! rule as the library's tests (`tests/common`) and `fuzz/run`.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let catalog = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("../src/catalog");
    println!("cargo:rerun-if-changed={}", catalog.display());
    let mut specs: Vec<PathBuf> = fs::read_dir(&catalog)
        .expect("src/catalog")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("uws-error-codes-v") && name.ends_with(".md")
        })
        .collect();
    specs.sort();
    let [spec] = specs.as_slice() else {
        panic!(
            "src/catalog must hold exactly one uws-error-codes-v*.md spec file, found {}: {specs:?}",
            specs.len()
        );
    };
    println!(
        "cargo:rustc-env=IOT_SPEC_PATH={}",
        spec.canonicalize().unwrap().display()
    );
}
