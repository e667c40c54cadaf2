//! The tests' oracles, read from the repository's own files and never from
//! the library's tables: the spec, names.tsv, the committed header,
//! tests/vectors.txt, and code blocks of the documentation. Pure Rust, no
//! other program.
//!
//! The quick tests (`cargo test`, tests/*.rs) include this as `mod common`;
//! the checks that run other programs (checks/, `cargo xtask check`) reach it
//! through their library, which adds the process helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The library's reader of the catalog's sources, for its spec finder only:
/// the oracles read the spec and names.tsv themselves.
#[path = "../../src/catalog/source.rs"]
mod source;

/// The repository root: the first directory up from this crate's manifest
/// that holds the catalog (the root crate itself, or the parent of checks/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("src/catalog/names.tsv").is_file())
        .expect("the repository root holds src/catalog/names.tsv")
        .to_path_buf()
}

/// The spec file, parsed independently of build.rs: (code, Chinese text) in order.
/// Test oracles use this, never the library's own tables.
pub fn spec_rows() -> Vec<(String, String)> {
    let spec = spec_path();
    let text = fs::read_to_string(spec).unwrap();
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "|CODE|text|" splits into ["", CODE, text, ""].
        if cells.len() == 4 && !cells[1].is_empty() && cells[1].chars().all(|c| c.is_ascii_alphanumeric()) {
            rows.push((cells[1].to_string(), cells[2].to_string()));
        }
    }
    rows
}

/// The vendor's common table (`src/catalog/uws-common-error-codes-2021-04-05.md`),
/// parsed independently of build.rs: every row in order, repeats included,
/// as (code, text, hint cell), each cell trimmed (the hint `N/A` kept as is).
pub fn common_table_rows() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(root().join("src/catalog/uws-common-error-codes-2021-04-05.md")).unwrap();
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "|CODE|text|hint" splits into ["", CODE, text, hint].
        if cells.len() == 4 && !cells[1].is_empty() && cells[1].chars().all(|c| c.is_ascii_alphanumeric()) {
            rows.push((cells[1].to_string(), cells[2].to_string(), cells[3].to_string()));
        }
    }
    rows
}

/// The `hint` records of a data file: (Chinese, English).
pub fn hint_rows(path: &str) -> Vec<(String, String)> {
    let text = fs::read_to_string(root().join(path)).unwrap();
    text.lines()
        .filter_map(|line| match line.split('\t').collect::<Vec<_>>()[..] {
            ["hint", zh, en] => Some((zh.to_string(), en.to_string())),
            _ => None,
        })
        .collect()
}

/// The spec file: the one `src/catalog/uws-error-codes-v*.md`, found by the
/// library's own rule (`src/catalog/source.rs`, which build.rs uses): exactly
/// one, its name a version; none or several stop the test, naming the files.
/// The checks pass this path on to the Python and Java suites
/// (`IOT_ERROR_CODES_SPEC`), which have no finder of their own.
pub fn spec_path() -> PathBuf {
    source::spec_file(&root().join(source::DIR)).unwrap_or_else(|e| panic!("{e}"))
}

/// A code's record in src/catalog/names.tsv: `CODE<TAB>NAME<TAB>STATUS<TAB>English`.
#[derive(Debug)]
pub struct NamesRow {
    pub code: String,
    /// The symbolic name.
    pub name: String,
    /// The name of its canonical status (gRPC's).
    pub status: String,
    /// The English text.
    pub en: String,
}

/// Every code record of src/catalog/names.tsv, in file order; the
/// `category` and `alias` records and `#` lines are skipped. Read here, not
/// with build.rs's reader (`src/catalog/source.rs`): names.tsv is the tests'
/// oracle for what it adds to the spec, and a mistake of that reader (a
/// column taken for another) must not be in the oracle too.
pub fn names_rows() -> Vec<NamesRow> {
    code_rows("src/catalog/names.tsv")
}

/// Every code record of the data file `path` (names.tsv or a later
/// catalog's), in file order; every other record and `#` lines are skipped.
pub fn code_rows(path: &str) -> Vec<NamesRow> {
    let text = fs::read_to_string(root().join(path)).unwrap();
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[..] {
            _ if line.trim().is_empty() || line.starts_with('#') => {}
            ["category" | "alias" | "hint", _, _] | ["source" | "repeat" | "withhold", _] => {}
            [code, name, status, en] => rows.push(NamesRow {
                code: code.to_string(),
                name: name.to_string(),
                status: status.to_string(),
                en: en.to_string(),
            }),
            _ => panic!("{path}:{}: not a record: {line:?}", i + 1),
        }
    }
    assert!(!rows.is_empty(), "{path} has no code records");
    rows
}

/// The `iot_error_*` functions the committed header declares.
pub fn header_functions() -> std::collections::BTreeSet<String> {
    let header = fs::read_to_string(root().join("include/iot_error_codes.h")).unwrap();
    let functions: std::collections::BTreeSet<String> = header
        .lines()
        .filter(|l| !l.starts_with(['#', ' ', '/', '*']) && l.ends_with(");"))
        .filter_map(|l| {
            let name = l.split('(').next()?.rsplit([' ', '*']).next()?;
            name.starts_with("iot_error_").then(|| name.to_string())
        })
        .collect();
    assert!(
        functions.len() >= 11,
        "the header declares too few functions: {functions:?}"
    );
    functions
}

/// The body of the first ```lang block after `after` in `text` (the README, say);
/// panics if there is none.
pub fn fenced_block<'a>(text: &'a str, after: &str, lang: &str) -> &'a str {
    let from = text.find(after).unwrap_or_else(|| panic!("no {after:?} in the text"));
    let fence = format!("```{lang}\n");
    let start = from
        + text[from..]
            .find(&fence)
            .unwrap_or_else(|| panic!("no ```{lang} block after {after:?}"))
        + fence.len();
    let end = start + text[start..].find("```\n").expect("an unclosed block");
    &text[start..end]
}

/// One record of tests/vectors.txt (its header documents the format).
#[derive(Debug)]
pub struct Vector {
    /// `hit`, `miss`, `bytes`, `tag` or `notag`.
    pub kind: String,
    /// The input as bytes: UTF-8, a lone surrogate as its 3-byte WTF-8 form.
    pub input: Vec<u8>,
    /// What it must give: the spec code (hit) or the language tag (tag); empty otherwise.
    pub expect: String,
    /// `file:line`, for messages.
    pub at: String,
}

/// Every record of tests/vectors.txt, the test inputs all languages share.
pub fn vectors() -> Vec<Vector> {
    let path = root().join("tests/vectors.txt");
    let text = fs::read_to_string(&path).unwrap();
    let mut vectors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("tests/vectors.txt:{}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let (kind, input, expect) = match fields[..] {
            [kind, input] => (kind, input, ""),
            [kind, input, expect] => (kind, input, expect),
            _ => panic!("{at}: expected KIND<TAB>INPUT[<TAB>EXPECTED]"),
        };
        let input = unescape(input).unwrap_or_else(|e| panic!("{at}: {e}"));
        vectors.push(Vector {
            kind: kind.to_string(),
            input,
            expect: expect.to_string(),
            at,
        });
    }
    vectors
}

/// The bytes a field of tests/vectors.txt stands for (see its header).
fn unescape(field: &str) -> Result<Vec<u8>, String> {
    fn push_unit(out: &mut Vec<u8>, pending: &mut Option<u16>, unit: u16) {
        if let Some(high) = pending.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                out.extend(char::from_u32(c).unwrap().to_string().as_bytes());
                return;
            }
            out.extend(wtf8(high));
        }
        if (0xD800..0xDC00).contains(&unit) {
            *pending = Some(unit);
        } else {
            out.extend(wtf8(unit));
        }
    }
    fn wtf8(unit: u16) -> Vec<u8> {
        let u = u32::from(unit);
        match char::from_u32(u) {
            Some(c) => c.to_string().into_bytes(),
            None => vec![
                0xE0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ],
        }
    }
    let mut out = Vec::new();
    let mut pending: Option<u16> = None;
    let mut last: Vec<u8> = Vec::new();
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        let before = out.len();
        if c != '\\' {
            if let Some(high) = pending.take() {
                out.extend(wtf8(high));
            }
            let mut buf = [0; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        } else {
            let kind = chars.next().ok_or("a lone backslash at the end")?;
            let mut take = |n: usize| -> Result<String, String> {
                let s: String = chars.by_ref().take(n).collect();
                (s.len() == n)
                    .then_some(s)
                    .ok_or(format!("\\{kind} needs {n} characters"))
            };
            match kind {
                't' | 'n' | '0' | '\\' => {
                    if let Some(high) = pending.take() {
                        out.extend(wtf8(high));
                    }
                    out.push(match kind {
                        't' => b'\t',
                        'n' => b'\n',
                        '0' => 0,
                        _ => b'\\',
                    });
                }
                'x' => out.push(u8::from_str_radix(&take(2)?, 16).map_err(|e| e.to_string())?),
                'u' => {
                    let unit = u16::from_str_radix(&take(4)?, 16).map_err(|e| e.to_string())?;
                    push_unit(&mut out, &mut pending, unit);
                }
                '*' => {
                    let digits: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)).collect();
                    let n: usize = digits.parse().map_err(|_| "\\* needs a count".to_string())?;
                    for _ in 1..n {
                        out.extend_from_slice(&last);
                    }
                    continue;
                }
                other => return Err(format!("unknown escape \\{other}")),
            }
        }
        if out.len() > before {
            last = out[before..].to_vec();
        }
    }
    if let Some(high) = pending {
        out.extend(wtf8(high));
    }
    Ok(out)
}
