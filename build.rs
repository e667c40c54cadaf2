//! Generates everything that is derived from the catalog.
//!
//! Inputs (the catalog's one source, both under `src/catalog/`):
//! - `uws-error-codes-v<VERSION>.md`: the platform's spec, verbatim. It decides
//!   which codes exist, their order and their Chinese text.
//! - `names.tsv`: categories, aliases, and a symbolic name and English text for
//!   every spec code. Its header comment documents the format.
//!
//! Output, in `OUT_DIR` (a build script writes nowhere else): `catalog.rs`,
//! static tables and the perfect-hash lookup table, included by
//! `src/catalog.rs`. Nothing is parsed or initialised at run time.
//!
//! The committed files derived from the catalog (the C header, the README
//! table, the Python and Java files) are written by `cargo xtask generate`.
//!
//! Any malformed input stops the build with `file:line: reason`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

const REGENERATE: &str = "cargo build";
/// Codes are 5 or 6 characters: an uppercase letter or digit each.
const CODE_LENGTHS: std::ops::RangeInclusive<usize> = 5..=6;
/// Names of the C macros that are not code names (as prefixes); a code name may not start with them.
const RESERVED_NAME_PREFIXES: &[&str] = &["CATEGORY_", "VERSION_", "CATALOG_", "CODE_MAX_", "SUCCESS_CODE"];

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let catalog_dir = manifest.join("src/catalog");
    println!("cargo:rerun-if-changed=src");

    let catalog = match Catalog::load(&catalog_dir) {
        Ok(c) => c,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
                println!("cargo:warning={e}");
            }
            process::exit(1);
        }
    };

    write(&out.join("catalog.rs"), &catalog.rust_tables());
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    println!("cargo:warning={msg}");
    process::exit(1);
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

/// A spec code with what `names.tsv` adds to it.
struct Entry {
    code: String,
    zh: String,
    name: String,
    en: String,
    /// Index into `Catalog::categories`.
    category: usize,
}

struct Catalog {
    version: String,
    spec_file: String,
    /// (letter, name), in category-number order (number = index + 1).
    categories: Vec<(char, String)>,
    entries: Vec<Entry>,
    /// (alias, index into entries).
    aliases: Vec<(String, usize)>,
}

/// A record of `names.tsv`, with its line number.
struct NameRow {
    line: usize,
    name: String,
    en: String,
}

fn is_code(s: &str) -> bool {
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

/// `1.3.0` from `uws-error-codes-v1.3.0.md`.
fn spec_version(file_name: &str) -> Option<(u32, u32, u32)> {
    let v = file_name.strip_prefix("uws-error-codes-v")?.strip_suffix(".md")?;
    let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

impl Catalog {
    fn load(dir: &Path) -> Result<Catalog, Vec<String>> {
        let mut specs: Vec<((u32, u32, u32), String)> = fs::read_dir(dir)
            .map_err(|e| vec![format!("{}: {e}", dir.display())])?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| Some((spec_version(&name)?, name)))
            .collect();
        specs.sort();
        let Some(((major, minor, patch), spec_file)) = specs.pop() else {
            return Err(vec![format!(
                "{}: no spec file named uws-error-codes-v<MAJOR>.<MINOR>.<PATCH>.md",
                dir.display()
            )]);
        };
        let version = format!("{major}.{minor}.{patch}");
        let spec_path = dir.join(&spec_file);
        let names_path = dir.join("names.tsv");
        let read = |p: &Path| fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())]);
        let spec_text = read(&spec_path)?;
        let names_text = read(&names_path)?;
        let spec_at = |line: usize| format!("src/catalog/{spec_file}:{line}");
        let names_at = |line: usize| format!("src/catalog/names.tsv:{line}");

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

        // The spec: every table row whose first cell is not a header or separator.
        let mut spec_rows: Vec<(usize, String, String)> = Vec::new();
        for (i, line) in spec_text.lines().enumerate() {
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
                    spec_at(line_no),
                    cells.len()
                ));
                continue;
            }
            if !is_code(first) {
                errors.push(format!(
                    "{}: malformed code {first:?} (want 5 or 6 uppercase letters or digits)",
                    spec_at(line_no)
                ));
                continue;
            }
            if cells[1].is_empty() {
                errors.push(format!("{}: code {first} has an empty retInfo text", spec_at(line_no)));
                continue;
            }
            if let Some((prev, ..)) = spec_rows.iter().find(|(_, c, _)| c == first) {
                errors.push(format!(
                    "{}: code {first} appears twice (first at line {prev})",
                    spec_at(line_no)
                ));
                continue;
            }
            spec_rows.push((line_no, first.to_string(), cells[1].to_string()));
        }
        if spec_rows.is_empty() {
            errors.push(format!("{}: the spec has no code rows", spec_at(1)));
        }

        // names.tsv
        let mut categories: Vec<(char, String)> = Vec::new();
        let mut aliases_raw: Vec<(usize, String, String)> = Vec::new();
        let mut names: HashMap<String, NameRow> = HashMap::new();
        let mut name_owner: HashMap<String, (String, usize)> = HashMap::new();
        for (i, line) in names_text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 3 || fields.iter().any(|f| f.trim() != *f) {
                errors.push(format!(
                    "{}: expected 3 TAB-separated fields without surrounding spaces, found {:?}",
                    names_at(line_no),
                    fields
                ));
                continue;
            }
            let (a, b, c) = (fields[0], fields[1], fields[2]);
            match a {
                "category" => {
                    let mut letters = b.chars();
                    let letter = match (letters.next(), letters.next()) {
                        (Some(l), None) if l.is_ascii_uppercase() => l,
                        _ => {
                            errors.push(format!(
                                "{}: category letter {b:?} is not one uppercase letter",
                                names_at(line_no)
                            ));
                            continue;
                        }
                    };
                    if !c.bytes().all(|x| x.is_ascii_lowercase()) || c.is_empty() {
                        errors.push(format!(
                            "{}: category name {c:?} is not a lowercase word",
                            names_at(line_no)
                        ));
                    } else if categories.iter().any(|(l, n)| *l == letter || n == c) {
                        errors.push(format!("{}: category {b} {c} is declared twice", names_at(line_no)));
                    } else {
                        categories.push((letter, c.to_string()));
                    }
                }
                "alias" => aliases_raw.push((line_no, b.to_string(), c.to_string())),
                code => {
                    if !is_code(code) {
                        errors.push(format!("{}: malformed code {code:?}", names_at(line_no)));
                        continue;
                    }
                    if !is_upper_snake(b) {
                        errors.push(format!(
                            "{}: name {b:?} of {code} is not UPPER_SNAKE_CASE",
                            names_at(line_no)
                        ));
                        continue;
                    }
                    if let Some(p) = RESERVED_NAME_PREFIXES.iter().find(|p| b.starts_with(**p)) {
                        errors.push(format!(
                            "{}: name {b} starts with {p}, which the C macros reserve",
                            names_at(line_no)
                        ));
                        continue;
                    }
                    if c.is_empty() {
                        errors.push(format!("{}: code {code} has an empty English text", names_at(line_no)));
                        continue;
                    }
                    if let Some((other, at)) = name_owner.get(b) {
                        errors.push(format!(
                            "{}: name {b} is already used by {other} at line {at}",
                            names_at(line_no)
                        ));
                        continue;
                    }
                    if let Some(prev) = names.get(code) {
                        errors.push(format!(
                            "{}: code {code} appears twice (first at line {})",
                            names_at(line_no),
                            prev.line
                        ));
                        continue;
                    }
                    name_owner.insert(b.to_string(), (code.to_string(), line_no));
                    names.insert(
                        code.to_string(),
                        NameRow {
                            line: line_no,
                            name: b.to_string(),
                            en: c.to_string(),
                        },
                    );
                }
            }
        }
        if categories.is_empty() {
            errors.push(format!("{}: no category records", names_at(1)));
        }

        // Every spec code has a row, and every row a spec code.
        let mut entries = Vec::new();
        let mut unnamed = Vec::new();
        for (line, code, zh) in &spec_rows {
            match names.get(code) {
                Some(row) => entries.push(Entry {
                    code: code.clone(),
                    zh: zh.clone(),
                    name: row.name.clone(),
                    en: row.en.clone(),
                    category: usize::MAX,
                }),
                None => unnamed.push(format!("{}: code {code} has no row in names.tsv", spec_at(*line))),
            }
        }
        errors.extend(unnamed);
        let mut orphans: Vec<_> = names
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
        let mut aliases = Vec::new();
        for (line, alias, target) in &aliases_raw {
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
        let category_of = |code: &str| categories.iter().position(|(l, _)| code.starts_with(*l));
        for (i, entry) in entries.iter_mut().enumerate() {
            let via_alias = aliases
                .iter()
                .filter(|(_, t)| *t == i)
                .find_map(|(a, _)| category_of(a));
            match category_of(&entry.code).or(via_alias) {
                Some(c) => entry.category = c,
                None => errors.push(format!(
                    "{}: code {} starts with no category letter and has no alias that does",
                    names_at(names.get(&entry.code).map_or(1, |r| r.line)),
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

    fn banner(&self, comment: &str) -> String {
        format!(
            "{comment} Generated by build.rs from src/catalog/{} and src/catalog/names.tsv. Do not edit.\n\
             {comment} Regenerate with: {REGENERATE}\n",
            self.spec_file
        )
    }

    /// Every code and alias with the entry it resolves to, in a fixed order.
    fn keys(&self) -> Vec<(&str, usize)> {
        let mut keys: Vec<(&str, usize)> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.as_str(), i))
            .collect();
        keys.extend(self.aliases.iter().map(|(a, i)| (a.as_str(), *i)));
        keys
    }

    /// The length of the longest code or alias: how much of caller input is ever read.
    fn max_code_len(&self) -> usize {
        self.keys().iter().map(|(k, _)| k.len()).max().unwrap_or(0)
    }

    fn rust_tables(&self) -> String {
        let mut s = self.banner("//");
        let n = self.entries.len();
        let max_len = self.max_code_len();
        writeln!(s, "\n/// The version of the platform spec the catalog was built from.").unwrap();
        writeln!(s, "pub const CATALOG_VERSION: &str = {:?};", self.version).unwrap();
        writeln!(s, "pub(crate) const CATALOG_VERSION_C: &str = \"{}\\0\";", self.version).unwrap();
        writeln!(s, "/// The length in bytes of the longest code or alias.").unwrap();
        writeln!(s, "pub const MAX_CODE_LEN: usize = {max_len};").unwrap();

        // Categories.
        s.push_str(
            "\n/// The group a code belongs to, by its letter. The numbers are the C ABI's `IOT_ERROR_CATEGORY_*`.\n",
        );
        s.push_str(
            "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u8)]\npub enum Category {\n",
        );
        for (i, (letter, name)) in self.categories.iter().enumerate() {
            writeln!(
                s,
                "    /// `{name}`: codes starting with `{letter}`.\n    {} = {},",
                camel(name),
                i + 1
            )
            .unwrap();
        }
        s.push_str("}\n\nimpl Category {\n    /// Every category, in number order.\n");
        writeln!(s, "    pub const ALL: [Category; {}] = [", self.categories.len()).unwrap();
        for (_, name) in &self.categories {
            writeln!(s, "        Category::{},", camel(name)).unwrap();
        }
        s.push_str("    ];\n\n    pub(crate) const fn name_with_nul(self) -> &'static str {\n        match self {\n");
        for (_, name) in &self.categories {
            writeln!(s, "            Category::{} => \"{name}\\0\",", camel(name)).unwrap();
        }
        s.push_str("        }\n    }\n}\n");

        // Entries and the enum that indexes them.
        writeln!(
            s,
            "\n/// Every code of the catalog, in spec order, named by its symbolic name.\n\
             #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u8)]\npub enum ErrorCode {{"
        )
        .unwrap();
        for e in &self.entries {
            writeln!(s, "    /// `{}` `{}`: {} ({})", e.code, e.name, e.zh, e.en).unwrap();
            writeln!(s, "    {},", camel(&e.name)).unwrap();
        }
        s.push_str("}\n\nimpl ErrorCode {\n    /// Every code, in spec order.\n");
        writeln!(s, "    pub const ALL: [ErrorCode; {n}] = [").unwrap();
        for e in &self.entries {
            writeln!(s, "        ErrorCode::{},", camel(&e.name)).unwrap();
        }
        s.push_str("    ];\n}\n\n");
        s.push_str(
            "/// The data of each [`ErrorCode`], indexed by its discriminant. Strings end in NUL for the C ABI.\n",
        );
        writeln!(s, "static ENTRIES: [Entry; {n}] = [").unwrap();
        for e in &self.entries {
            writeln!(
                s,
                "    Entry {{ code: {:?}, name: {:?}, category: Category::{}, zh: {:?}, en: {:?} }},",
                format!("{}\0", e.code),
                format!("{}\0", e.name),
                camel(&self.categories[e.category].1),
                format!("{}\0", e.zh),
                format!("{}\0", e.en),
            )
            .unwrap();
        }
        s.push_str("];\n");

        // The perfect hash over codes and aliases.
        let keys: Vec<(u64, usize, &str)> = self.keys().iter().map(|&(k, i)| (pack(k), i, k)).collect();
        let (bits, multiplier) = perfect_hash(&keys.iter().map(|k| k.0).collect::<Vec<_>>());
        let mut slots: BTreeMap<usize, (u64, usize, &str)> = BTreeMap::new();
        for &(key, i, k) in &keys {
            slots.insert(slot(key, multiplier, bits), (key, i, k));
        }
        writeln!(s, "\n/// `slot = key.wrapping_mul(HASH_MULTIPLIER) >> HASH_SHIFT` is collision-free over every code and alias.").unwrap();
        writeln!(s, "const HASH_MULTIPLIER: u64 = {multiplier:#018x};").unwrap();
        writeln!(s, "const HASH_SHIFT: u32 = {};", 64 - bits).unwrap();
        writeln!(s, "static SLOTS: [Slot; {}] = [", 1usize << bits).unwrap();
        for i in 0..(1usize << bits) {
            match slots.get(&i) {
                Some((key, e, k)) => writeln!(
                    s,
                    "    Slot {{ key: {key:#018x}, code: Some(ErrorCode::{}) }}, // {i}: {k}",
                    camel(&self.entries[*e].name)
                )
                .unwrap(),
                None => writeln!(s, "    Slot::EMPTY,").unwrap(),
            }
        }
        s.push_str("];\n");
        s
    }
}

/// `TOKEN_EXPIRED` -> `TokenExpired`, `system` -> `System`.
fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase()
            })
        })
        .collect()
}

/// The lookup key of a code: its bytes little-endian, its length in the top byte.
/// `src/lookup.rs` computes the same from caller input.
fn pack(code: &str) -> u64 {
    code.bytes()
        .enumerate()
        .fold((code.len() as u64) << 56, |k, (i, b)| k | (b as u64) << (8 * i))
}

fn slot(key: u64, multiplier: u64, bits: u32) -> usize {
    (key.wrapping_mul(multiplier) >> (64 - bits)) as usize
}

/// The smallest table (in bits) and a multiplier that map every key to its own slot.
/// Deterministic: the same keys give the same table on every build.
fn perfect_hash(keys: &[u64]) -> (u32, u64) {
    let min_bits = (keys.len().max(2) as f64).log2().ceil() as u32;
    for bits in min_bits..=16 {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut seen = vec![0u32; 1 << bits];
        for attempt in 1..=50_000u32 {
            // splitmix64
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let multiplier = (z ^ (z >> 31)) | 1;
            if keys.iter().all(|&k| {
                let s = &mut seen[slot(k, multiplier, bits)];
                let fresh = *s != attempt;
                *s = attempt;
                fresh
            }) {
                return (bits, multiplier);
            }
        }
    }
    fail("no collision-free hash multiplier found for the catalog's codes")
}
