//! The released contract under api/ still holds: no released code, name,
//! category, status or C function is removed, renamed or renumbered, and no
//! released code's status changes.
//!
//! Each failure names the baseline row (`api/FILE:LINE`) and what changed.
//! Additions pass: `cargo xtask api` appends them to the baseline.

mod common;

use std::ffi::CString;
use std::fs;

use iot_error_codes::{ffi, lookup, Category, Status};

/// The rows of `api/<file>`: (line number, TAB-separated fields).
fn baseline(file: &str) -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(common::root().join("api").join(file)).unwrap();
    let rows: Vec<_> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            (
                format!("api/{file}:{}", i + 1),
                l.split('\t').map(str::to_string).collect(),
            )
        })
        .collect();
    assert!(!rows.is_empty(), "api/{file} has no rows");
    rows
}

fn read(path: &str) -> String {
    fs::read_to_string(common::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every problem at once, one line each.
fn check(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "the released contract (api/) is broken:\n{}",
        problems.join("\n")
    );
}

const HEADER: &str = "include/iot_error_codes.h";
const JAVA_ERROR_CODE: &str = "bindings/java/src/iot/errorcodes/ErrorCode.java";
const JAVA_STATUS: &str = "bindings/java/src/iot/errorcodes/Status.java";
const PYTHON_CATALOG: &str = "bindings/python/iot_error_codes/_catalog.py";

#[test]
fn released_codes_keep_their_names_categories_and_statuses() {
    let (header, java, python) = (read(HEADER), read(JAVA_ERROR_CODE), read(PYTHON_CATALOG));
    let mut problems = Vec::new();
    for (at, row) in baseline("codes.tsv") {
        let [code, name, category, number, status] = &row[..] else {
            panic!("{at}: expected CODE, NAME, CATEGORY, CATEGORY_NUMBER, STATUS");
        };
        let released = format!("{at}: released {code} {name} ({category} = {number}, {status})");
        let Some(now) = lookup(code).filter(|c| c.code() == code) else {
            problems.push(format!("{released} is no longer in the catalog"));
            continue;
        };
        if now.name() != name {
            problems.push(format!("{released} is now named {}", now.name()));
        }
        let category_now = (now.category().name(), now.category().number().to_string());
        if (category_now.0, category_now.1.as_str()) != (category.as_str(), number.as_str()) {
            problems.push(format!("{released} is now in {} = {}", category_now.0, category_now.1));
        }
        // The status through the C ABI too, which the Python binding calls.
        let c_code = CString::new(code.as_str()).unwrap();
        // SAFETY: a NUL-terminated string.
        let c_status = unsafe { ffi::iot_error_status(c_code.as_ptr()) };
        let c_status = Status::from_number(c_status).map_or("none", Status::name);
        if now.status().name() != status || c_status != status {
            problems.push(format!(
                "{released} now has the status {} ({c_status} through the C ABI): a released \
                 status never changes (a breaking change: CHANGELOG.md)",
                now.status().name()
            ));
        }
        for (file, text, form) in [
            (HEADER, &header, format!("#define IOT_ERROR_{name} \"{code}\"")),
            (
                JAVA_ERROR_CODE,
                &java,
                format!("    {name}(\"{code}\", \"{category}\", Status.{status})"),
            ),
            (PYTHON_CATALOG, &python, format!("    {name} = \"{code}\"")),
        ] {
            if !text.contains(&form) {
                problems.push(format!("{released}: {file} lacks `{form}`"));
            }
        }
    }
    check(problems);
}

#[test]
fn released_categories_keep_their_numbers() {
    let header = read(HEADER);
    let mut problems = Vec::new();
    for (at, row) in baseline("categories.tsv") {
        let [number, name] = &row[..] else {
            panic!("{at}: expected NUMBER, NAME")
        };
        let now = number.parse().ok().and_then(Category::from_number).map(Category::name);
        if now != Some(name.as_str()) {
            problems.push(format!("{at}: released category {number} {name} is now {now:?}"));
        }
        let form = format!("#define IOT_ERROR_CATEGORY_{} {number} ", name.to_ascii_uppercase());
        if !header.contains(&form) {
            problems.push(format!(
                "{at}: released category {number} {name}: {HEADER} lacks `{form}`"
            ));
        }
    }
    check(problems);
}

#[test]
fn released_statuses_keep_their_numbers() {
    let (header, java, python) = (read(HEADER), read(JAVA_STATUS), read(PYTHON_CATALOG));
    let mut problems = Vec::new();
    for (at, row) in baseline("statuses.tsv") {
        let [number, name] = &row[..] else {
            panic!("{at}: expected NUMBER, NAME")
        };
        let now = number.parse().ok().and_then(Status::from_number).map(Status::name);
        if now != Some(name.as_str()) {
            problems.push(format!("{at}: released status {number} {name} is now {now:?}"));
        }
        for (file, text, form) in [
            (HEADER, &header, format!("#define IOT_ERROR_STATUS_{name} {number}")),
            (JAVA_STATUS, &java, format!("    {name}({number}")),
            (PYTHON_CATALOG, &python, format!("    {name} = {number}\n")),
        ] {
            if !text.contains(&form) {
                problems.push(format!("{at}: released status {number} {name}: {file} lacks `{form}`"));
            }
        }
    }
    check(problems);
}

#[test]
fn released_c_functions_are_declared() {
    let header = read(HEADER);
    let mut problems = Vec::new();
    for (at, row) in baseline("c-symbols.tsv") {
        let [symbol, node] = &row[..] else {
            panic!("{at}: expected SYMBOL, NODE")
        };
        if !node.starts_with("IOT_ERROR_CODES_") {
            problems.push(format!(
                "{at}: {symbol}'s version node {node} is not IOT_ERROR_CODES_<ABI>"
            ));
        }
        let is_c = symbol.starts_with("iot_error_");
        if is_c
            && !header
                .lines()
                .any(|l| l.contains(&format!(" {symbol}(")) || l.contains(&format!("*{symbol}(")))
        {
            problems.push(format!(
                "{at}: released function {symbol} is no longer declared in {HEADER}"
            ));
        }
    }
    check(problems);
}

/// Every released catalog keeps its id and position, and every code of a
/// later catalog its name, category and status there (api/catalogs.tsv,
/// api/catalog-codes.tsv), in Rust, C, Python and Java alike.
#[test]
fn released_catalogs_keep_their_positions_and_entries() {
    use iot_error_codes::Catalog;
    let python = read(PYTHON_CATALOG);
    let java = read("bindings/java/src/iot/errorcodes/Catalog.java");
    let mut problems = Vec::new();
    for (at, row) in baseline("catalogs.tsv") {
        let [position, id] = &row[..] else {
            panic!("{at}: expected POSITION, ID");
        };
        let index: usize = position
            .parse()
            .unwrap_or_else(|_| panic!("{at}: {position} is no position"));
        if Catalog::ALL.get(index).map(|c| c.id()) != Some(id.as_str()) {
            problems.push(format!("{at}: released catalog {id} is no longer at position {index}"));
        }
        // SAFETY: no pointer is passed.
        let c_id = unsafe { ffi::iot_error_catalog(index).as_ref() }
            .map(|p| unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap());
        if c_id != Some(id.as_str()) {
            problems.push(format!("{at}: iot_error_catalog({index}) is {c_id:?}, released {id}"));
        }
        let constant = id.to_ascii_uppercase().replace(['-', '.'], "_");
        if !python.contains(&format!("    {constant} = \"{id}\"")) {
            problems.push(format!("{at}: {PYTHON_CATALOG} has no Catalog.{constant} = \"{id}\""));
        }
        if !java.contains(&format!("{constant}(\"{id}\"")) {
            problems.push(format!("{at}: Catalog.java has no {constant}(\"{id}\", ...)"));
        }
    }
    for (at, row) in baseline("catalog-codes.tsv") {
        let [key, name, category, number, status] = &row[..] else {
            panic!("{at}: expected CATALOG/CODE, NAME, CATEGORY, CATEGORY_NUMBER, STATUS");
        };
        let (id, code) = key
            .split_once('/')
            .unwrap_or_else(|| panic!("{at}: {key} is not CATALOG/CODE"));
        let released = format!("{at}: released {id} {code} {name} ({category} = {number}, {status})");
        let Some(entry) = Catalog::from_id(id)
            .and_then(|c| c.lookup(code))
            .filter(|e| e.code() == code)
        else {
            problems.push(format!("{released}: the catalog no longer has it"));
            continue;
        };
        let now = (
            entry.name(),
            entry.category().name(),
            entry.category().number().to_string(),
            entry.status().name(),
        );
        if now != (name.as_str(), category.as_str(), number.clone(), status.as_str()) {
            problems.push(format!("{released}: now {now:?}"));
        }
    }
    check(problems);
}
