//! Reading and validating the catalogs' source files: the one place that
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
//! - Each later catalog of [`CATALOGS`]: the vendor's table, verbatim, with a
//!   hint column, and its data file (rows for the codes whose text is new or
//!   differs from V1.3.0's, the hints' English, the decisions about repeated
//!   rows and withheld hints; the file's header documents the format).
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

/// One catalog of [`CATALOGS`]: where its files are and what it is called.
pub struct CatalogSource {
    /// The id callers name it by, e.g. `uws-common-2021-04-05`.
    pub id: &'static str,
    /// The Rust enum variant (the Python and Java constant is its upper snake case).
    pub variant: &'static str,
    /// Its data file in [`DIR`]: what we add to the vendor's table.
    pub data_file: &'static str,
    /// The vendor's table in [`DIR`]; `None` for the versioned spec ([`spec_file`]).
    pub table_file: Option<&'static str>,
}

/// Every catalog, the default first, then in the order they were added
/// (append only: the C API lists them by position).
pub const CATALOGS: &[CatalogSource] = &[
    CatalogSource {
        id: "uws-v1.3.0",
        variant: "UwsV1_3_0",
        data_file: "names.tsv",
        table_file: None,
    },
    CatalogSource {
        id: "uws-common-2021-04-05",
        variant: "UwsCommon2021_04_05",
        data_file: "uws-common-2021-04-05.tsv",
        table_file: Some("uws-common-error-codes-2021-04-05.md"),
    },
];

/// A hint of the vendor's table: what to try.
#[derive(Clone)]
pub struct Hint {
    /// The vendor's text, verbatim.
    pub zh: String,
    /// Ours.
    pub en: String,
}

/// A spec code with what `names.tsv` adds to it.
#[derive(Clone)]
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
    /// What to try, if the table has a hint for the code.
    pub hint: Option<Hint>,
}

/// A category: the letter its codes start with and its lowercase name.
pub struct Category {
    pub letter: char,
    pub name: String,
}

/// The whole catalog, validated.
pub struct Catalog {
    /// Its id, e.g. `uws-v1.3.0` ([`CATALOGS`]).
    pub id: String,
    /// Its Rust enum variant ([`CatalogSource::variant`]).
    pub variant: String,
    /// Where the vendor's table comes from (the data file's `source` record).
    pub source: String,
    /// The spec's version, e.g. `1.3.0`; for a table without one, its date.
    pub version: String,
    /// The spec's file name, e.g. `uws-error-codes-v1.3.0.md`.
    pub spec_file: String,
    /// Its data file's name, e.g. `names.tsv`.
    pub data_file: String,
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

        let (spec_rows, repeats) = spec_rows(&spec_text, &spec_at, 2, &mut errors);
        for (line, code, first) in repeats {
            errors.push(format!(
                "{}: code {code} appears twice (first at line {first})",
                spec_at(line)
            ));
        }
        let spec_rows: Vec<(usize, String, String)> = spec_rows
            .into_iter()
            .map(|(line, mut cells)| (line, cells.remove(0), cells.remove(0)))
            .collect();
        let names = NamesFile::parse(&names_text, &names_at, &mut errors);
        if names.categories.is_empty() {
            errors.push(format!("{}: no category records", names_at(1)));
        }
        if !(names.hints.is_empty() && names.repeats.is_empty() && names.withheld.is_empty()) {
            errors.push(format!(
                "{}: hint, repeat and withhold records belong to a table with a hint column",
                names_at(1)
            ));
        }
        let default = &CATALOGS[0];
        if default.id != format!("uws-v{version}") {
            errors.push(format!(
                "{}: the default catalog's id in src/catalog/source.rs is {}, the spec's version {version}",
                spec_at(1),
                default.id
            ));
        }

        // Every spec code has a row, and every row a spec code.
        let mut entries = Vec::new();
        for (line, code, zh) in &spec_rows {
            match names.rows.get(code) {
                Some(row) => entries.push(row.entry(code, zh)),
                None => errors.push(format!("{}: code {code} has no row in names.tsv", spec_at(*line))),
            }
        }
        errors.extend(names.orphans(
            |code| spec_rows.iter().any(|(_, c, _)| c == code),
            &names_at,
            &spec_file,
        ));

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
                id: default.id.to_string(),
                variant: default.variant.to_string(),
                source: names.source.map(|(_, s)| s).unwrap_or_default(),
                version,
                spec_file,
                data_file: default.data_file.to_string(),
                categories,
                entries,
                aliases,
            })
        } else {
            Err(errors)
        }
    }

    /// Every catalog of [`CATALOGS`], read from `dir` and validated, the default
    /// (V1.3.0, [`Catalog::load`]) first.
    pub fn load_all(dir: &Path) -> Result<Vec<Catalog>, Vec<String>> {
        let default = Catalog::load(dir)?;
        let mut catalogs = Vec::new();
        let mut errors = Vec::new();
        for source in CATALOGS {
            let id_chars = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.';
            if source.id.is_empty() || source.id.len() > 63 || !source.id.bytes().all(id_chars) {
                errors.push(format!(
                    "{DIR}/source.rs: catalog id {:?} is not 1 to 63 bytes of a-z, 0-9, '-' and '.'",
                    source.id
                ));
            }
        }
        for source in &CATALOGS[1..] {
            match Catalog::load_table(dir, &default, source) {
                Ok(c) => catalogs.push(c),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        catalogs.insert(0, default);
        Ok(catalogs)
    }

    /// A later catalog: the vendor's table `source.table_file` (retCode,
    /// retInfo, hint) with its data file, over the `default` catalog's names.
    fn load_table(dir: &Path, default: &Catalog, source: &CatalogSource) -> Result<Catalog, Vec<String>> {
        let table_file = source.table_file.expect("a later catalog names its table");
        let read = |p: &Path| fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())]);
        let table_text = read(&dir.join(table_file))?;
        let data_text = read(&dir.join(source.data_file))?;
        let table_at = |line: usize| format!("{DIR}/{table_file}:{line}");
        let data_at = |line: usize| format!("{DIR}/{}:{line}", source.data_file);
        let mut errors = Vec::new();
        let (rows, repeats) = spec_rows(&table_text, &table_at, 3, &mut errors);
        let data = NamesFile::parse(&data_text, &data_at, &mut errors);
        for (line, _, _) in &data.aliases {
            errors.push(format!(
                "{}: aliases are names.tsv's, shared by every catalog",
                data_at(*line)
            ));
        }
        if !data.categories.is_empty() {
            errors.push(format!(
                "{}: categories are names.tsv's, shared by every catalog",
                data_at(1)
            ));
        }

        // Each repeated code is a decision of the data file, and each decision a repeat.
        for (line, code, first) in &repeats {
            if !data.repeats.iter().any(|(_, c)| c == code) {
                errors.push(format!(
                    "{}: code {code} appears twice (first at line {first}); a `repeat` record in {} decides which row is the entry",
                    table_at(*line),
                    source.data_file
                ));
            }
        }
        for (line, code) in &data.repeats {
            if !repeats.iter().any(|(_, c, _)| c == code) {
                errors.push(format!(
                    "{}: code {code} is not repeated in {table_file}",
                    data_at(*line)
                ));
            }
        }

        // A code with V1.3.0's text is V1.3.0's entry; any other needs a row here.
        let default_names: HashMap<&str, &str> = default
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.code.as_str()))
            .collect();
        let mut entries = Vec::new();
        let mut used_hints = vec![false; data.hints.len()];
        for (line, cells) in &rows {
            let (code, zh, hint_zh) = (&cells[0], &cells[1], &cells[2]);
            let same = default.entries.iter().find(|e| &e.code == code && &e.zh == zh);
            let mut entry = match (same, data.rows.get(code)) {
                (Some(_), Some(row)) => {
                    errors.push(format!(
                        "{}: code {code} has V1.3.0's text, so it is V1.3.0's entry (names.tsv); delete this row",
                        data_at(row.line)
                    ));
                    continue;
                }
                (Some(e), None) => e.clone(),
                (None, Some(row)) => {
                    if let Some(other) = default_names.get(row.name.as_str()) {
                        errors.push(format!(
                            "{}: name {} is V1.3.0's {other}; an entry with another text has another name",
                            data_at(row.line),
                            row.name
                        ));
                    }
                    row.entry(code, zh)
                }
                (None, None) => {
                    errors.push(format!(
                        "{}: code {code} is new or its text differs from V1.3.0's: it needs a row in {}",
                        table_at(*line),
                        source.data_file
                    ));
                    continue;
                }
            };
            let withheld = data.withheld.iter().any(|(_, c)| c == code);
            if hint_zh != "N/A" && !withheld {
                match data.hints.iter().position(|(_, z, _)| z == hint_zh) {
                    Some(i) => {
                        used_hints[i] = true;
                        entry.hint = Some(Hint {
                            zh: hint_zh.clone(),
                            en: data.hints[i].2.clone(),
                        });
                    }
                    None => errors.push(format!(
                        "{}: the hint of {code} has no `hint` record (its English) in {}",
                        table_at(*line),
                        source.data_file
                    )),
                }
            }
            entry.category = default
                .categories
                .iter()
                .position(|c| code.starts_with(c.letter))
                .or_else(|| default.entries.iter().find(|e| &e.code == code).map(|e| e.category))
                .unwrap_or_else(|| {
                    errors.push(format!(
                        "{}: code {code} starts with no category letter of names.tsv",
                        table_at(*line)
                    ));
                    usize::MAX
                });
            entries.push(entry);
        }
        for (line, code) in &data.withheld {
            match rows.iter().find(|(_, c)| &c[0] == code) {
                Some((_, c)) if c[2] != "N/A" => {}
                _ => errors.push(format!(
                    "{}: code {code} has no hint in {table_file} to withhold",
                    data_at(*line)
                )),
            }
        }
        for ((line, zh, _), used) in data.hints.iter().zip(used_hints) {
            if !used {
                errors.push(format!(
                    "{}: no code of {table_file} has the hint {zh:?}",
                    data_at(*line)
                ));
            }
        }
        errors.extend(data.orphans(|code| rows.iter().any(|(_, c)| c[0] == code), &data_at, table_file));

        // The aliases of names.tsv whose code the table has.
        let aliases = default
            .aliases
            .iter()
            .filter_map(|(alias, i)| {
                let code = &default.entries[*i].code;
                Some((alias.clone(), entries.iter().position(|e| &e.code == code)?))
            })
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Catalog {
            id: source.id.to_string(),
            variant: source.variant.to_string(),
            source: data.source.map(|(_, s)| s).unwrap_or_default(),
            version: source.id.rsplit_once("common-").map_or("", |(_, d)| d).to_string(),
            spec_file: table_file.to_string(),
            data_file: source.data_file.to_string(),
            categories: default
                .categories
                .iter()
                .map(|c| Category {
                    letter: c.letter,
                    name: c.name.clone(),
                })
                .collect(),
            entries,
            aliases,
        })
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
        banner(
            comment,
            &[&spec, &format!("{DIR}/{}", self.data_file)],
            generator,
            regenerate,
        )
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

/// The Python and Java constant of a catalog: `uws-common-2021-04-05` -> `UWS_COMMON_2021_04_05`.
pub fn constant_name(id: &str) -> String {
    id.to_ascii_uppercase().replace(['-', '.'], "_")
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

/// The spec's code rows: (line, its `columns` cells), every table row whose
/// first cell is not a header or separator, a code's first row only; and each
/// later row of a code already seen: (line, code, line of its first row).
#[allow(clippy::type_complexity)]
fn spec_rows(
    text: &str,
    at: &dyn Fn(usize) -> String,
    columns: usize,
    errors: &mut Vec<String>,
) -> (Vec<(usize, Vec<String>)>, Vec<(usize, String, usize)>) {
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut repeats = Vec::new();
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
        if cells.len() != columns {
            let want = ["retCode", "retInfo", "可尝试解决方法"][..columns.min(3)].join(" | ");
            errors.push(format!(
                "{}: expected {columns} cells ({want}), found {}",
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
        } else if let Some((prev, _)) = rows.iter().find(|(_, c)| c[0] == first) {
            repeats.push((line_no, first.to_string(), *prev));
        } else {
            rows.push((line_no, cells.iter().map(|c| c.to_string()).collect()));
        }
    }
    if rows.is_empty() {
        errors.push(format!("{}: the spec has no code rows", at(1)));
    }
    (rows, repeats)
}

/// A code's record in `names.tsv`, with its line number.
struct NameRow {
    line: usize,
    name: String,
    status: String,
    en: String,
}

impl NameRow {
    /// The entry of `code`, whose table text is `zh`, as this row names it;
    /// its category is set by the caller, its hint by a later catalog.
    fn entry(&self, code: &str, zh: &str) -> Entry {
        Entry {
            code: code.to_string(),
            zh: zh.to_string(),
            name: self.name.clone(),
            status: self.status.clone(),
            en: self.en.clone(),
            category: usize::MAX,
            hint: None,
        }
    }
}

/// The records of a data file (`names.tsv` or a later catalog's), each checked on its own.
struct NamesFile {
    /// (line, text) of the `source` record.
    source: Option<(usize, String)>,
    categories: Vec<Category>,
    /// (line, alias, code).
    aliases: Vec<(usize, String, String)>,
    rows: HashMap<String, NameRow>,
    /// (line, Chinese, English) of each `hint` record.
    hints: Vec<(usize, String, String)>,
    /// (line, code) of each `repeat` record.
    repeats: Vec<(usize, String)>,
    /// (line, code) of each `withhold` record.
    withheld: Vec<(usize, String)>,
}

impl NamesFile {
    /// An error for each row whose code `in_table` does not find, in line
    /// order: "`at(line)`: code CODE is not in `table`".
    fn orphans(&self, in_table: impl Fn(&str) -> bool, at: &dyn Fn(usize) -> String, table: &str) -> Vec<String> {
        let mut orphans: Vec<(usize, String)> = self
            .rows
            .iter()
            .filter(|(code, _)| !in_table(code))
            .map(|(code, row)| (row.line, format!("{}: code {code} is not in {table}", at(row.line))))
            .collect();
        orphans.sort();
        orphans.into_iter().map(|(_, e)| e).collect()
    }

    fn parse(text: &str, at: &dyn Fn(usize) -> String, errors: &mut Vec<String>) -> NamesFile {
        let mut file = NamesFile {
            source: None,
            categories: Vec::new(),
            aliases: Vec::new(),
            rows: HashMap::new(),
            hints: Vec::new(),
            repeats: Vec::new(),
            withheld: Vec::new(),
        };
        let mut name_owner: HashMap<String, (String, usize)> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let want = match fields[0] {
                "source" | "repeat" | "withhold" => 2,
                "category" | "alias" | "hint" => 3,
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
                ["source", text] => file
                    .source
                    .replace((line_no, text.to_string()))
                    .map(|(first, _)| format!("a second source record (first at line {first})")),
                ["hint", zh, _] if file.hints.iter().any(|(_, z, _)| z == zh) => {
                    Some(format!("the hint {zh:?} has a second English text"))
                }
                ["hint", zh, en] => {
                    file.hints.push((line_no, zh.to_string(), en.to_string()));
                    None
                }
                ["repeat", code] => {
                    file.repeats.push((line_no, code.to_string()));
                    None
                }
                ["withhold", code] => {
                    file.withheld.push((line_no, code.to_string()));
                    None
                }
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
        if file.source.is_none() {
            errors.push(format!("{}: no source record", at(1)));
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
