//! Reading and validating the catalog's two source files: the one place that
//! knows their formats.
//!
//! Shared, with `#[path]`, by `build.rs` (which makes the Rust tables) and by
//! `xtask` (which makes the header, the catalog page docs/catalog.md and the Python and Java
//! files). Not part of the library: it uses `std` and only the standard
//! library, so that a crate depending on `iot-error-codes` builds nothing else
//! to get a lookup table.
//!
//! - `uws-error-codes-v<MAJOR>.<MINOR>.<PATCH>.md`, exactly one: the platform's
//!   spec, verbatim. It decides which codes exist, their order and their
//!   Chinese text.
//! - `names.tsv`: categories, aliases, and a symbolic name, a canonical status
//!   and an English text for every spec code (its header documents the format).
//!
//! Any malformed input is reported as `file:line: reason`, every problem at once.
#![allow(dead_code)] // each user takes what it needs

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Codes are 5 or 6 characters, each an uppercase ASCII letter or a digit.
pub const CODE_LENGTHS: std::ops::RangeInclusive<usize> = 5..=6;

/// Prefixes of the C macros that are not code names; no code name may start with one.
pub const RESERVED_NAME_PREFIXES: &[&str] = &[
    "CATEGORY_",
    "VERSION_",
    "CATALOG_",
    "CODE_MAX_",
    "SUCCESS_CODE",
    "STATUS_",
];

/// gRPC's canonical statuses, the names a code's STATUS field may take:
/// `src/status/table.rs`, which the library's `Status` reads too.
#[path = "../status/table.rs"]
mod status_table;

/// Whether `name` is the name of one of gRPC's canonical statuses.
pub fn is_status(name: &str) -> bool {
    status_table::STATUSES
        .iter()
        .any(|(with_nul, _)| with_nul.strip_suffix('\0') == Some(name))
}

/// The directory of the catalog's sources, relative to the repository root.
pub const DIR: &str = "src/catalog";

/// A spec code with what `names.tsv` adds to it.
pub struct Entry {
    /// As the spec prints it, e.g. `D00004` (or `20903`).
    pub code: String,
    /// The spec's Chinese text, verbatim.
    pub zh: String,
    /// The symbolic name, UPPER_SNAKE_CASE.
    pub name: String,
    /// The canonical status: a name of gRPC's (see [`is_status`]).
    pub status: String,
    /// The English text.
    pub en: String,
    /// Index into [`Catalog::categories`].
    pub category: usize,
}

/// A category: the letter its codes start with and its lowercase name.
pub struct Category {
    pub letter: char,
    pub name: String,
}

/// The whole catalog, validated.
pub struct Catalog {
    /// The spec's version, e.g. `1.3.0`.
    pub version: String,
    /// The spec's file name, e.g. `uws-error-codes-v1.3.0.md`.
    pub spec_file: String,
    /// In number order: the number of `categories[i]` is `i + 1`.
    pub categories: Vec<Category>,
    /// In spec order.
    pub entries: Vec<Entry>,
    /// (alias, index into `entries`).
    pub aliases: Vec<(String, usize)>,
}

/// Whether `s` has the shape of a code.
pub fn is_code(s: &str) -> bool {
    CODE_LENGTHS.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn is_upper_snake(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_uppercase()
        && b.iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
        && !s.ends_with('_')
        && !s.contains("__")
}

/// `(1, 3, 0)` from `uws-error-codes-v1.3.0.md`.
fn spec_version(file_name: &str) -> Option<(u32, u32, u32)> {
    let v = file_name.strip_prefix("uws-error-codes-v")?.strip_suffix(".md")?;
    let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

/// The spec file of `dir`: exactly one `uws-error-codes-v*.md`, and its name a
/// version. None, several, or a name without a version is an error naming the files.
pub fn spec_file(dir: &Path) -> Result<PathBuf, String> {
    let mut found: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("uws-error-codes-v") && name.ends_with(".md"))
        .collect();
    found.sort();
    match found.as_slice() {
        [one] if spec_version(one).is_some() => Ok(dir.join(one)),
        [one] => Err(format!(
            "{}/{one}: a spec file is named uws-error-codes-v<MAJOR>.<MINOR>.<PATCH>.md",
            dir.display()
        )),
        [] => Err(format!(
            "{}: no spec file; put exactly one uws-error-codes-v<MAJOR>.<MINOR>.<PATCH>.md here",
            dir.display()
        )),
        several => Err(format!(
            "{}: exactly one spec file is allowed, found {}; delete the old one",
            dir.display(),
            several.join(", ")
        )),
    }
}

impl Catalog {
    /// Reads and validates the spec and `names.tsv` in `dir` (the package's `src/catalog`).
    pub fn load(dir: &Path) -> Result<Catalog, Vec<String>> {
        let spec_path = spec_file(dir).map_err(|e| vec![e])?;
        let spec_file = spec_path.file_name().unwrap().to_string_lossy().into_owned();
        let (major, minor, patch) = spec_version(&spec_file).expect("checked by spec_file");
        let version = format!("{major}.{minor}.{patch}");
        let read = |p: &Path| fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())]);
        let spec_text = read(&spec_path)?;
        let names_text = read(&dir.join("names.tsv"))?;
        let spec_at = |line: usize| format!("{DIR}/{spec_file}:{line}");
        let names_at = |line: usize| format!("{DIR}/names.tsv:{line}");
        let mut errors = Vec::new();

        // The spec's own statement of its version must agree with its file name.
        if let Some(stated) = spec_text
            .split(['V', 'v'])
            .skip(1)
            .map(|s| {
                s.split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .next()
                    .unwrap_or("")
            })
            .find(|s| s.matches('.').count() == 2)
        {
            if stated.trim_end_matches('.') != version {
                errors.push(format!(
                    "{}: the spec says V{stated}, its file name says {version}",
                    spec_at(1)
                ));
            }
        }

        let spec_rows = spec_rows(&spec_text, &spec_at, &mut errors);
        let names = NamesFile::parse(&names_text, &names_at, &mut errors);

        // Every spec code has a row, and every row a spec code.
        let mut entries = Vec::new();
        for (line, code, zh) in &spec_rows {
            match names.rows.get(code) {
                Some(row) => entries.push(Entry {
                    code: code.clone(),
                    zh: zh.clone(),
                    name: row.name.clone(),
                    status: row.status.clone(),
                    en: row.en.clone(),
                    category: usize::MAX,
                }),
                None => errors.push(format!("{}: code {code} has no row in names.tsv", spec_at(*line))),
            }
        }
        let mut orphans: Vec<_> = names
            .rows
            .iter()
            .filter(|(code, _)| !spec_rows.iter().any(|(_, c, _)| c == *code))
            .map(|(code, row)| {
                (
                    row.line,
                    format!("{}: code {code} is not in {spec_file}", names_at(row.line)),
                )
            })
            .collect();
        orphans.sort();
        errors.extend(orphans.into_iter().map(|(_, e)| e));

        // Aliases point at spec codes and collide with nothing.
        let index_of: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.code.as_str(), i)).collect();
        let mut aliases: Vec<(String, usize)> = Vec::new();
        for (line, alias, target) in &names.aliases {
            if !is_code(alias) {
                errors.push(format!("{}: malformed alias {alias:?}", names_at(*line)));
            } else if index_of.contains_key(alias.as_str()) || aliases.iter().any(|(a, _)| a == alias) {
                errors.push(format!(
                    "{}: alias {alias} is already a code or an alias",
                    names_at(*line)
                ));
            } else if let Some(&i) = index_of.get(target.as_str()) {
                aliases.push((alias.clone(), i));
            } else {
                errors.push(format!(
                    "{}: alias {alias} points at {target:?}, which is not a spec code",
                    names_at(*line)
                ));
            }
        }

        // Categories by first letter; a code without a letter takes its alias's.
        let categories = names.categories;
        let category_of = |code: &str| categories.iter().position(|c| code.starts_with(c.letter));
        for (i, entry) in entries.iter_mut().enumerate() {
            let via_alias = aliases
                .iter()
                .filter(|(_, t)| *t == i)
                .find_map(|(a, _)| category_of(a));
            match category_of(&entry.code).or(via_alias) {
                Some(c) => entry.category = c,
                None => errors.push(format!(
                    "{}: code {} starts with no category letter and has no alias that does",
                    names_at(names.rows.get(&entry.code).map_or(1, |r| r.line)),
                    entry.code
                )),
            }
        }

        if errors.is_empty() {
            Ok(Catalog {
                version,
                spec_file,
                categories,
                entries,
                aliases,
            })
        } else {
            Err(errors)
        }
    }

    /// Every code and alias with the index of the entry it resolves to: codes in spec order, then aliases.
    pub fn keys(&self) -> Vec<(&str, usize)> {
        let codes = self.entries.iter().enumerate().map(|(i, e)| (e.code.as_str(), i));
        codes
            .chain(self.aliases.iter().map(|(a, i)| (a.as_str(), *i)))
            .collect()
    }

    /// The length of the longest code or alias: how much of caller input is ever read.
    pub fn max_code_len(&self) -> usize {
        self.keys().iter().map(|(k, _)| k.len()).max().unwrap_or(0)
    }

    /// The aliases of entry `index`.
    pub fn aliases_of(&self, index: usize) -> impl Iterator<Item = &str> {
        self.aliases
            .iter()
            .filter(move |(_, i)| *i == index)
            .map(|(a, _)| a.as_str())
    }

    /// The category name of `entry`.
    pub fn category_name(&self, entry: &Entry) -> &str {
        &self.categories[entry.category].name
    }

    /// [`banner`] for a file generated from the catalog.
    pub fn banner(&self, comment: &str, generator: &str, regenerate: &str) -> String {
        let spec = format!("{DIR}/{}", self.spec_file);
        banner(comment, &[&spec, &format!("{DIR}/names.tsv")], generator, regenerate)
    }
}

/// The first lines of every generated file, as comments opened by `comment`:
/// what it comes from, and the command that regenerates it.
pub fn banner(comment: &str, sources: &[&str], generator: &str, regenerate: &str) -> String {
    format!(
        "{comment} Generated by {generator} from {}. Do not edit.\n\
         {comment} Regenerate with: {regenerate}\n",
        sources.join(" and ")
    )
}

/// `TOKEN_EXPIRED` -> `TokenExpired`, `system` -> `System`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase()
            })
        })
        .collect()
}

/// The spec's code rows: (line, code, Chinese text), every table row whose
/// first cell is not a header or separator.
fn spec_rows(text: &str, at: &dyn Fn(usize) -> String, errors: &mut Vec<String>) -> Vec<(usize, String, String)> {
    let mut rows: Vec<(usize, String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim();
        if !trimmed.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = trimmed.trim_matches('|').split('|').map(str::trim).collect();
        let first = cells[0];
        if first.contains("retCode") || first.chars().all(|c| c == ':' || c == '-') {
            continue; // header or alignment row
        }
        if cells.len() != 2 {
            errors.push(format!(
                "{}: expected 2 cells (retCode | retInfo), found {}",
                at(line_no),
                cells.len()
            ));
        } else if !is_code(first) {
            errors.push(format!(
                "{}: malformed code {first:?} (want 5 or 6 uppercase letters or digits)",
                at(line_no)
            ));
        } else if cells[1].is_empty() {
            errors.push(format!("{}: code {first} has an empty retInfo text", at(line_no)));
        } else if let Some((prev, ..)) = rows.iter().find(|(_, c, _)| c == first) {
            errors.push(format!(
                "{}: code {first} appears twice (first at line {prev})",
                at(line_no)
            ));
        } else {
            rows.push((line_no, first.to_string(), cells[1].to_string()));
        }
    }
    if rows.is_empty() {
        errors.push(format!("{}: the spec has no code rows", at(1)));
    }
    rows
}

/// A code's record in `names.tsv`, with its line number.
struct NameRow {
    line: usize,
    name: String,
    status: String,
    en: String,
}

/// The records of `names.tsv`, each checked on its own.
struct NamesFile {
    categories: Vec<Category>,
    /// (line, alias, code).
    aliases: Vec<(usize, String, String)>,
    rows: HashMap<String, NameRow>,
}

impl NamesFile {
    fn parse(text: &str, at: &dyn Fn(usize) -> String, errors: &mut Vec<String>) -> NamesFile {
        let mut file = NamesFile {
            categories: Vec::new(),
            aliases: Vec::new(),
            rows: HashMap::new(),
        };
        let mut name_owner: HashMap<String, (String, usize)> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let want = match fields[0] {
                "category" | "alias" => 3,
                _ => 4,
            };
            if fields.len() != want || fields.iter().any(|f| f.trim() != *f) {
                errors.push(format!(
                    "{}: expected {want} TAB-separated fields without surrounding spaces, found {fields:?}",
                    at(line_no)
                ));
                continue;
            }
            let problem = match fields[..] {
                ["category", letter, name] => file.category(letter, name),
                ["alias", alias, code] => {
                    file.aliases.push((line_no, alias.to_string(), code.to_string()));
                    None
                }
                [code, name, status, en] => file.code_row(code, name, status, en, line_no, &mut name_owner),
                _ => unreachable!("the field count was checked"),
            };
            if let Some(problem) = problem {
                errors.push(format!("{}: {problem}", at(line_no)));
            }
        }
        if file.categories.is_empty() {
            errors.push(format!("{}: no category records", at(1)));
        }
        file
    }

    fn category(&mut self, letter: &str, name: &str) -> Option<String> {
        let mut letters = letter.chars();
        let letter = match (letters.next(), letters.next()) {
            (Some(l), None) if l.is_ascii_uppercase() => l,
            _ => return Some(format!("category letter {letter:?} is not one uppercase letter")),
        };
        if name.is_empty() || !name.bytes().all(|x| x.is_ascii_lowercase()) {
            return Some(format!("category name {name:?} is not a lowercase word"));
        }
        if self.categories.iter().any(|c| c.letter == letter || c.name == name) {
            return Some(format!("category {letter} {name} is declared twice"));
        }
        self.categories.push(Category {
            letter,
            name: name.to_string(),
        });
        None
    }

    fn code_row(
        &mut self,
        code: &str,
        name: &str,
        status: &str,
        en: &str,
        line: usize,
        name_owner: &mut HashMap<String, (String, usize)>,
    ) -> Option<String> {
        if !is_code(code) {
            return Some(format!("malformed code {code:?}"));
        }
        if !is_upper_snake(name) {
            return Some(format!("name {name:?} of {code} is not UPPER_SNAKE_CASE"));
        }
        if let Some(p) = RESERVED_NAME_PREFIXES.iter().find(|p| name.starts_with(**p)) {
            return Some(format!("name {name} starts with {p}, which the C macros reserve"));
        }
        if !is_status(status) {
            return Some(format!(
                "status {status:?} of {code} is not one of gRPC's 17 canonical status names"
            ));
        }
        if en.is_empty() {
            return Some(format!("code {code} has an empty English text"));
        }
        if let Some((other, at)) = name_owner.get(name) {
            return Some(format!("name {name} is already used by {other} at line {at}"));
        }
        if let Some(prev) = self.rows.get(code) {
            return Some(format!("code {code} appears twice (first at line {})", prev.line));
        }
        name_owner.insert(name.to_string(), (code.to_string(), line));
        self.rows.insert(
            code.to_string(),
            NameRow {
                line,
                name: name.to_string(),
                status: status.to_string(),
                en: en.to_string(),
            },
        );
        None
    }
}
