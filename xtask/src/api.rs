//! `cargo xtask api`: appends what this build adds to the released contract
//! under `api/` (new codes with their names, categories and statuses; new
//! categories, statuses and C functions), and nothing else. A released row is
//! never rewritten or removed here: `tests/api.rs` fails when the library no
//! longer has one as written, a code's status included.
//!
//! The JNI rows of `api/c-symbols.tsv` follow `src/jni.rs` instead, through
//! `cargo xtask generate` ([`c_symbols`]): `--check` fails while an entry point
//! has no row, and a released entry point that `src/jni.rs` lost is an error.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::jni::{self, Jni};
use crate::source::Catalog;
use crate::symbols;

/// Appends the missing rows to every baseline file; returns what it appended, one line each.
pub fn append(root: &Path, catalogs: &[Catalog]) -> Result<Vec<String>, String> {
    let catalog = &catalogs[0];
    let mut appended = Vec::new();
    let ids = catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| (i.to_string(), format!("{i}\t{}", c.id)));
    appended.extend(append_rows(root, "api/catalogs.tsv", ids.collect())?);
    let later_codes = catalogs[1..].iter().flat_map(|c| {
        c.entries.iter().map(move |e| {
            let key = format!("{}/{}", c.id, e.code);
            let category = c.category_name(e);
            let row = format!("{key}\t{}\t{category}\t{}\t{}", e.name, e.category + 1, e.status);
            (key, row)
        })
    });
    appended.extend(append_rows(root, "api/catalog-codes.tsv", later_codes.collect())?);
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
    let functions = header_functions(root)?
        .into_iter()
        .map(|s| (s.clone(), format!("{s}\t{node}")));
    appended.extend(append_rows(root, symbols::SYMBOLS_PATH, functions.collect())?);
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

/// The text of `api/c-symbols.tsv` with a row for every JNI entry point of
/// `src/jni.rs`: a released one keeps its row, a new one gets a row in this
/// release's node, appended. A released entry point that `src/jni.rs` no longer
/// exports is an error: released symbols are never removed.
pub fn c_symbols(root: &Path, jni: &Jni) -> Result<String, Vec<String>> {
    let file = symbols::SYMBOLS_PATH;
    let text = fs::read_to_string(root.join(file)).map_err(|e| vec![format!("{file}: {e}")])?;
    let lost: Vec<String> = keys(&text)
        .into_iter()
        .filter(|s| jni::is_jni_symbol(s) && !jni.symbols.iter().any(|j| j == s))
        .map(|s| {
            format!(
                "{file}: the released JNI entry point {s} is no longer exported by {}",
                jni::SOURCE
            )
        })
        .collect();
    if !lost.is_empty() {
        return Err(lost);
    }
    let released = keys(&text);
    if jni.symbols.iter().all(|s| released.contains(s.as_str())) {
        return Ok(text);
    }
    let node = node(root).map_err(|e| vec![e])?;
    let rows = jni.symbols.iter().map(|s| (s.clone(), format!("{s}\t{node}")));
    Ok(with_rows(&text, rows.collect()).0)
}

/// The first field of every row of a baseline file.
fn keys(text: &str) -> BTreeSet<&str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect()
}

/// `text` with each (key, row) appended whose key (the first field) no row has
/// yet, and those rows.
fn with_rows(text: &str, rows: Vec<(String, String)>) -> (String, Vec<String>) {
    let released = keys(text);
    let new: Vec<String> = rows
        .into_iter()
        .filter(|(key, _)| !released.contains(key.as_str()))
        .map(|(_, row)| row)
        .collect();
    let mut text = text.to_string();
    if !new.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for row in &new {
        text.push_str(row);
        text.push('\n');
    }
    (text, new)
}

/// Appends to `file` each (key, row) whose key no row of it has yet.
fn append_rows(root: &Path, file: &str, rows: Vec<(String, String)>) -> Result<Vec<String>, String> {
    let path = root.join(file);
    let text = fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let (text, new) = with_rows(&text, rows);
    if new.is_empty() {
        return Ok(Vec::new());
    }
    fs::write(&path, text).map_err(|e| format!("{file}: {e}"))?;
    Ok(new
        .into_iter()
        .map(|row| format!("{file}: + {}", row.replace('\t', " ")))
        .collect())
}

/// The C functions the committed header declares, in its order (the JNI
/// entry points are [`c_symbols`]'s).
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

#[cfg(test)]
mod tests {
    #[test]
    fn rows_are_appended_once() {
        let text = "# comment\na\tN1\n";
        let rows = || {
            vec![
                ("a".to_string(), "a\tN2".to_string()),
                ("b".to_string(), "b\tN2".to_string()),
            ]
        };
        let (text, new) = super::with_rows(text, rows());
        assert_eq!(
            (text.as_str(), new),
            ("# comment\na\tN1\nb\tN2\n", vec!["b\tN2".to_string()])
        );
        assert_eq!(super::with_rows(&text, rows()), (text.clone(), vec![]));
    }
}
