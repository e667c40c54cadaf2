//! The C library's binary interface equals its baselines in api/abi/ (abidw, abidiff). A
//! changed parameter or return type, an added or removed parameter, a removed
//! function or a changed SONAME fails, naming the function.
//!
//! `cargo xtask abi` (xtask/src/abi.rs) builds the library with debug
//! information for every target with a baseline and compares; a release that
//! changes the ABI on purpose refreshes the baselines with
//! `cargo xtask abi update`. The second check shows, without a build, that
//! the baselines hold the functions' types and not only their names: abidiff
//! reports a return type changed from `size_t` (Rust's `usize`) to a 32-bit
//! integer, and an added parameter.

use iot_error_codes_checks as common;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

/// Every baseline, `api/abi/<target>.xml`.
fn baselines() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(common::root().join("api/abi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_library_has_the_abi_of_its_baselines() {
    if !common::require("abidw") || !common::require("abidiff") {
        return;
    }
    let out = common::xtask(&["abi"]);
    // Every baseline was compared: the targets are those of the baselines.
    let said = String::from_utf8_lossy(&out.stdout);
    for baseline in baselines() {
        let target = baseline.file_stem().unwrap().to_string_lossy();
        assert!(
            said.contains(&format!("abi: {target}: the same")),
            "{target} was not checked:\n{said}"
        );
    }
}

/// The id of the type named `name` in an abidw description.
fn type_id(xml: &str, name: &str) -> String {
    let decl = xml
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("<type-decl name='{name}'")))
        .unwrap_or_else(|| panic!("the baseline has no type {name}"));
    decl.split(" id='")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string()
}

/// The `<function-decl>` element of `function`, as lines.
fn function_decl<'a>(xml: &'a str, function: &str) -> &'a str {
    let start = xml
        .find(&format!("<function-decl name='{function}'"))
        .unwrap_or_else(|| panic!("the baseline has no function-decl of {function}"));
    let end = start + xml[start..].find("</function-decl>").unwrap();
    &xml[start..end]
}

fn abidiff(old: &PathBuf, new: &PathBuf) -> Output {
    Command::new("abidiff")
        .arg("--no-default-suppression")
        .arg(old)
        .arg(new)
        .output()
        .expect("cannot run abidiff")
}

#[test]
fn the_baselines_hold_every_header_function_with_its_types() {
    if !common::require("abidiff") {
        return;
    }
    let scratch = common::scratch("abi-edited");
    for baseline in baselines() {
        let xml = fs::read_to_string(&baseline).unwrap();
        for function in common::header_functions() {
            assert!(
                function_decl(&xml, &function).contains("<return type-id="),
                "{}: {function} has no return type",
                baseline.display()
            );
        }
        let int = type_id(&xml, "i32");

        // iot_error_count() returning a 32-bit integer instead of size_t.
        let count = function_decl(&xml, "iot_error_count");
        let usize_return = format!("<return type-id='{}'/>", type_id(&xml, "usize"));
        assert!(
            count.contains(&usize_return),
            "iot_error_count does not return usize: {count}"
        );
        let edited = xml.replacen(
            count,
            &count.replace(&usize_return, &format!("<return type-id='{int}'/>")),
            1,
        );
        let changed = scratch.join("return-type.xml");
        fs::write(&changed, edited).unwrap();
        let out = abidiff(&baseline, &changed);
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.code().is_some_and(|c| c & 4 != 0)
                && report.contains("iot_error_count")
                && report.contains("return type changed"),
            "abidiff does not report iot_error_count's new return type ({}):\n{report}",
            out.status
        );

        // iot_error_name() with a second parameter.
        let name = function_decl(&xml, "iot_error_name");
        let (head, tail) = name.split_once("<return ").unwrap();
        let with_parameter = format!("{head}<parameter type-id='{int}' name='flags'/>\n          <return {tail}");
        let edited = xml.replacen(name, &with_parameter, 1);
        let changed = scratch.join("parameter.xml");
        fs::write(&changed, edited).unwrap();
        let out = abidiff(&baseline, &changed);
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.code().is_some_and(|c| c & 4 != 0)
                && report.contains("iot_error_name")
                && report.contains("parameter 2 of type 'i32' was added"),
            "abidiff does not report iot_error_name's added parameter ({}):\n{report}",
            out.status
        );
    }
}
