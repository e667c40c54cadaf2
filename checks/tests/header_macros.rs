//! The header's generated macros, as a C compiler sees them (`cc -dM -E`):
//! the version macros say what `Cargo.toml` and the spec file say, and every
//! spec code has exactly one named constant `IOT_ERROR_<NAME>`.

use iot_error_codes_checks as common;

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

/// Every `IOT_ERROR_*` macro the preprocessor defines after including the
/// committed header, name (without `IOT_ERROR_`) to value.
fn header_macros() -> BTreeMap<String, String> {
    let header = common::root().join("include/iot_error_codes.h");
    let out = common::run(Command::new("cc").args(["-dM", "-E", "-x", "c"]).arg(header));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("#define IOT_ERROR_"))
        .filter_map(|l| l.split_once(' '))
        .map(|(name, value)| (name.to_string(), value.trim().to_string()))
        .collect()
}

/// `"1.3.0"` -> `1.3.0`; panics on a value that is not a string literal.
fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

#[test]
fn version_macros_match_cargo_toml() {
    let macros = header_macros();
    // Cargo's own reading of Cargo.toml: the one place the Rust tests take the version from.
    let version = env!("CARGO_PKG_VERSION").to_string();
    let parts: Vec<&str> = version.split('.').collect();
    assert_eq!(parts.len(), 3, "Cargo.toml version {version} is not MAJOR.MINOR.PATCH");
    for (macro_name, part) in [
        ("VERSION_MAJOR", parts[0]),
        ("VERSION_MINOR", parts[1]),
        ("VERSION_PATCH", parts[2]),
    ] {
        assert_eq!(
            macros.get(macro_name).map(String::as_str),
            Some(part),
            "IOT_ERROR_{macro_name}"
        );
    }
    assert_eq!(unquote(&macros["VERSION_STRING"]), version, "IOT_ERROR_VERSION_STRING");
}

#[test]
fn catalog_version_macro_matches_the_spec() {
    let spec = common::spec_path();
    let file_name = spec.file_name().unwrap().to_string_lossy();
    let from_name = file_name
        .trim_start_matches("uws-error-codes-v")
        .trim_end_matches(".md");
    let text = fs::read_to_string(&spec).unwrap();

    let macro_value = header_macros()["CATALOG_VERSION"].clone();
    let catalog_version = unquote(&macro_value);
    assert_eq!(
        catalog_version, from_name,
        "IOT_ERROR_CATALOG_VERSION against the spec's file name"
    );
    assert!(
        text.contains(&format!("V{catalog_version} ")) || text.contains(&format!("V{catalog_version}\n")),
        "the spec's text does not state V{catalog_version}"
    );
}

#[test]
fn every_spec_code_has_one_named_constant() {
    let macros = header_macros();
    let not_codes = ["VERSION_STRING", "CATALOG_VERSION", "SUCCESS_CODE"];
    // Named constants: the string-valued macros that are not versions.
    let mut by_code: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &macros {
        if value.starts_with('"') && !not_codes.contains(&name.as_str()) {
            by_code
                .entry(unquote(value).to_string())
                .or_default()
                .push(name.clone());
        }
    }
    // names.tsv is where the symbolic names are chosen.
    let rows = common::names_rows();
    let chosen: BTreeMap<&str, &str> = rows.iter().map(|r| (r.code.as_str(), r.name.as_str())).collect();

    let spec = common::spec_rows();
    for (code, _) in &spec {
        let names = by_code.remove(code).unwrap_or_default();
        assert_eq!(
            names.len(),
            1,
            "{code} should have exactly one IOT_ERROR_ constant, has {names:?}"
        );
        assert_eq!(
            Some(names[0].as_str()),
            chosen.get(code.as_str()).copied(),
            "the constant for {code}"
        );
    }
    assert!(
        by_code.is_empty(),
        "constants for codes that are not in the spec: {by_code:?}"
    );
    assert_eq!(unquote(&macros["TOKEN_EXPIRED"]), "D00004");
}
