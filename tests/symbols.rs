//! The shared library exports the contract's functions and nothing else.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;

/// The `iot_error_*` functions declared in the committed header.
fn header_functions() -> BTreeSet<String> {
    let header = fs::read_to_string(common::root().join("include/iot_error_codes.h")).unwrap();
    header
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.ends_with(");"))
        .filter_map(|l| {
            let name = l.split('(').next()?.rsplit([' ', '*']).next()?;
            name.starts_with("iot_error_").then(|| name.to_string())
        })
        .collect()
}

/// JNI entry points of `iot.errorcodes.IotErrorCodes` and the JNI load hooks.
fn is_jni(symbol: &str) -> bool {
    symbol.starts_with("Java_iot_errorcodes_") || symbol == "JNI_OnLoad" || symbol == "JNI_OnUnload"
}

#[test]
fn shared_library_exports_only_the_contract() {
    let out = common::run(
        Command::new("nm")
            .args(["-D", "--defined-only"])
            .arg(common::shared_lib()),
    );
    let exported: BTreeSet<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect();
    let declared = header_functions();
    assert!(
        declared.len() >= 11,
        "the header declares too few functions: {declared:?}"
    );

    let c_exports: BTreeSet<String> = exported.iter().filter(|s| !is_jni(s)).cloned().collect();
    assert_eq!(
        c_exports, declared,
        "exported C symbols differ from the header's functions"
    );
    for contract in [
        "iot_error_describe",
        "iot_error_describe_n",
        "iot_error_describe_lang",
        "iot_error_name",
        "iot_error_category",
        "iot_error_category_name",
        "iot_error_count",
        "iot_error_code_at",
        "iot_error_catalog_version",
        "iot_error_version",
        "iot_error_is_success",
    ] {
        assert!(exported.contains(contract), "{contract} is not exported");
    }
}
