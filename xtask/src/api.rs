//! `cargo xtask api`: appends what this build adds to the released contract
//! under `api/` (new codes with their names, categories and statuses; new
//! categories, statuses and exported symbols), and nothing else. A released
//! row is never rewritten or removed here: `tests/api.rs` fails when the
//! library no longer has one as written, a code's status included.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::source::Catalog;
use crate::symbols;

/// Appends the missing rows to every baseline file; returns what it appended, one line each.
pub fn append(root: &Path, catalog: &Catalog) -> Result<Vec<String>, String> {
    let mut appended = Vec::new();
    let codes = catalog.entries.iter().map(|e| {
        let category = catalog.category_name(e);
        (
            e.code.clone(),
            format!("{}\t{}\t{category}\t{}\t{}", e.code, e.name, e.category + 1, e.status),
        )
    });
    appended.extend(append_rows(root, "api/codes.tsv", codes.collect())?);
    let categories = catalog
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| ((i + 1).to_string(), format!("{}\t{}", i + 1, c.name)));
    appended.extend(append_rows(root, "api/categories.tsv", categories.collect())?);
    let statuses =
        iot_error_codes::Status::iter().map(|s| (s.number().to_string(), format!("{}\t{}", s.number(), s.name())));
    appended.extend(append_rows(root, "api/statuses.tsv", statuses.collect())?);
    let node = node(root)?;
    let exported = exported_symbols(root)?
        .into_iter()
        .map(|s| (s.clone(), format!("{s}\t{node}")));
    appended.extend(append_rows(root, symbols::SYMBOLS_PATH, exported.collect())?);
    Ok(appended)
}

/// The version node of this release: `IOT_ERROR_CODES_<ABI>`, with the ABI
/// version of the SONAME, which capi/build-lib.sh owns.
fn node(root: &Path) -> Result<String, String> {
    let out = std::process::Command::new("bash")
        .arg(root.join("capi/build-lib.sh"))
        .args(["--print", "abi"])
        .output()
        .map_err(|e| format!("capi/build-lib.sh: {e}"))?;
    match String::from_utf8(out.stdout) {
        Ok(abi) if out.status.success() => Ok(format!("IOT_ERROR_CODES_{}", abi.trim_end())),
        _ => Err(format!(
            "capi/build-lib.sh --print abi failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// Appends each (key, row) whose key (the first field) no row of `file` has yet.
fn append_rows(root: &Path, file: &str, rows: Vec<(String, String)>) -> Result<Vec<String>, String> {
    let path = root.join(file);
    let mut text = fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let released: BTreeSet<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let new: Vec<(String, String)> = rows
        .into_iter()
        .filter(|(key, _)| !released.contains(key.as_str()))
        .collect();
    if new.is_empty() {
        return Ok(Vec::new());
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for (_, row) in &new {
        text.push_str(row);
        text.push('\n');
    }
    fs::write(&path, text).map_err(|e| format!("{file}: {e}"))?;
    Ok(new
        .into_iter()
        .map(|(_, row)| format!("{file}: + {}", row.replace('\t', " ")))
        .collect())
}

/// The functions the committed header declares, in its order.
pub fn header_functions(root: &Path) -> Result<Vec<String>, String> {
    let path = crate::header::PATH;
    let header = fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
    Ok(header
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '/', '*']) && l.ends_with(");"))
        .filter_map(|l| Some(l.split('(').next()?.rsplit([' ', '*']).next()?.to_string()))
        .filter(|name| name.starts_with("iot_error_"))
        .collect())
}

/// What the shared library exports: the header's functions and the JNI entry points of src/jni.rs.
fn exported_symbols(root: &Path) -> Result<Vec<String>, String> {
    let read = |f: &str| fs::read_to_string(root.join(f)).map_err(|e| format!("{f}: {e}"));
    let mut symbols = header_functions(root)?;
    symbols.extend(
        read("src/jni.rs")?
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub unsafe extern \"system\" fn "))
            .filter_map(|l| Some(l.split('(').next()?.to_string())),
    );
    Ok(symbols)
}
