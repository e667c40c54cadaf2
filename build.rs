//! Makes the Rust tables of the catalog, and nothing else.
//!
//! Reads `src/catalog/` (the spec, verbatim, and `names.tsv`) with
//! `src/catalog/source.rs`, which stops the build with `file:line: reason` on
//! any malformed input, and writes two files into `OUT_DIR`:
//! - `catalog.rs`: `Category`, `ErrorCode` and every code's strings,
//!   NUL-terminated for the C ABI (included by `src/catalog.rs`);
//! - `hash.rs`: the perfect-hash table over every code and alias (included by
//!   `src/hash.rs`), keyed by `src/hash/key.rs`, the same code the lookup runs.
//!
//! The header, the catalog page (docs/catalog.md) and the Python and Java files are made by
//! `cargo xtask generate` (xtask/), not here: a crate that depends on this one
//! builds no generator.

#[path = "src/hash/key.rs"]
#[allow(dead_code)]
mod key;
#[path = "src/catalog/source.rs"]
mod source;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

use source::{camel, Catalog};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    for input in [
        source::DIR,
        "src/catalog/source.rs",
        "src/status/table.rs",
        "src/hash/key.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let catalogs = Catalog::load_all(&manifest.join(source::DIR)).unwrap_or_else(|errors| fail(&errors));
    let problems: Vec<String> = catalogs.iter().filter_map(outside_the_bmp).collect();
    if !problems.is_empty() {
        fail(&problems);
    }
    let catalog = &catalogs[0];
    for later in &catalogs[1..] {
        if later.max_code_len() > catalog.max_code_len() {
            fail(&[format!("catalog {}: a code is longer than MAX_CODE_LEN", later.id)]);
        }
    }
    let mut text = Text::default();
    let mut tables = tables(catalog, &mut text);
    tables.push_str(&later_catalogs(&catalogs, &mut text));
    let _ = writeln!(
        tables,
        "\n/// Every string of the default catalog's entries, each followed by a NUL."
    );
    let _ = writeln!(tables, "static TEXT: &str = {};", literal(&text.default));
    let _ = writeln!(
        tables,
        "/// Every string of the later catalogs that the default's do not have, each followed by a NUL."
    );
    let _ = writeln!(tables, "static LATER_TEXT: &str = {};", literal(&text.later));
    write(&out.join("catalog.rs"), &tables);
    let mut hash = hash_table(catalog);
    for later in &catalogs[1..] {
        hash.push_str(&index_table(later));
    }
    write(&out.join("hash.rs"), &hash);
}

/// The two texts that hold every string of the entries, each once,
/// NUL-terminated: `TEXT` the default catalog's, as before there were
/// others, and `LATER_TEXT` what only later catalogs have. An offset with
/// [`LATER`] set is into `LATER_TEXT`. A program that reads only the default
/// catalog links only `TEXT`.
#[derive(Default)]
struct Text {
    default: String,
    later: String,
    at: std::collections::HashMap<String, u16>,
}

/// The bit of an offset that selects `LATER_TEXT` (src/catalog.rs reads it).
const LATER: u16 = 0x8000;

impl Text {
    /// The offset and length of `s`, adding it to the default text (or with
    /// `later`, the later one) the first time it is seen.
    fn place(&mut self, s: &str, code: &str, later: bool) -> (u16, u8) {
        let len = u8::try_from(s.len())
            .unwrap_or_else(|_| fail(&[format!("code {code}: a text of {} bytes is over 255", s.len())]));
        if let Some(&at) = self.at.get(s) {
            return (at, len);
        }
        let text = if later { &mut self.later } else { &mut self.default };
        let at = u16::try_from(text.len())
            .ok()
            .filter(|&at| at < LATER)
            .unwrap_or_else(|| fail(&["a catalog text exceeds 32 KiB".into()]));
        text.push_str(s);
        text.push('\0');
        let at = if later { at | LATER } else { at };
        self.at.insert(s.to_string(), at);
        (at, len)
    }

    /// The `Entry { .. }` of `e`: its code, name and texts placed.
    fn entry(&mut self, catalog: &Catalog, e: &source::Entry, later: bool) -> String {
        let (mut at, mut len) = ([0u16; 4], [0u8; 4]);
        for (i, field) in [&e.code, &e.name, &e.zh, &e.en].into_iter().enumerate() {
            (at[i], len[i]) = self.place(field, &e.code, later);
        }
        let (category, status) = (camel(catalog.category_name(e)), camel(&e.status));
        format!("Entry {{ at: {at:?}, len: {len:?}, category: Category::{category}, status: Status::{status} }}")
    }

    /// The `Hint { .. }` of `e`, its two strings placed; length 0 for none.
    fn hint(&mut self, e: &source::Entry) -> String {
        let (mut at, mut len) = ([0u16; 2], [0u8; 2]);
        if let Some(hint) = &e.hint {
            for (i, field) in [&hint.zh, &hint.en].into_iter().enumerate() {
                (at[i], len[i]) = self.place(field, &e.code, true);
            }
        }
        format!("Hint {{ at: {at:?}, len: {len:?} }}")
    }
}

fn fail(errors: &[String]) -> ! {
    for e in errors {
        eprintln!("error: {e}");
        println!("cargo:warning={e}");
    }
    process::exit(1);
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| fail(&[format!("{}: {e}", path.display())]));
}

/// JNI makes Java strings from the stored bytes as modified UTF-8, which
/// differs from UTF-8 only for NUL and for characters outside the Basic
/// Multilingual Plane: a text with one is refused here.
fn outside_the_bmp(catalog: &Catalog) -> Option<String> {
    catalog.entries.iter().find_map(|e| {
        let hint = e.hint.iter().flat_map(|h| [&h.zh, &h.en]);
        let c = [&e.zh, &e.en]
            .into_iter()
            .chain(hint)
            .flat_map(|t| t.chars())
            .find(|&c| c as u32 > 0xFFFF)?;
        Some(format!(
            "code {}: {c:?} is outside the Basic Multilingual Plane, which JNI cannot take as it is",
            e.code
        ))
    })
}

fn banner(catalog: &Catalog) -> String {
    catalog.banner("//", "build.rs", "cargo build")
}

/// `Category`, `ErrorCode` and the strings of every code.
fn tables(catalog: &Catalog, text: &mut Text) -> String {
    let mut s = banner(catalog);
    let n = catalog.entries.len();
    let w = &mut s;
    let _ = writeln!(w, "\n/// The version of the platform spec the catalog was built from.");
    let _ = writeln!(w, "pub const CATALOG_VERSION: &str = without_nul(CATALOG_VERSION_C);");
    let _ = writeln!(
        w,
        "pub(crate) const CATALOG_VERSION_C: &str = \"{}\\0\";",
        catalog.version
    );
    let _ = writeln!(
        w,
        "/// The length in bytes of the longest code or alias: longer input is never a code."
    );
    let _ = writeln!(w, "pub const MAX_CODE_LEN: usize = {};", catalog.max_code_len());

    let _ = writeln!(
        w,
        "\n/// The group a code belongs to, by its letter. The numbers are the C ABI's `IOT_ERROR_CATEGORY_*`."
    );
    let _ = writeln!(
        w,
        "///\n/// A later spec may add categories: match with a wildcard arm."
    );
    let _ = writeln!(
        w,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u8)]\n#[non_exhaustive]"
    );
    let _ = writeln!(w, "pub enum Category {{");
    for (i, c) in catalog.categories.iter().enumerate() {
        let _ = writeln!(
            w,
            "    /// `{}`: codes starting with `{}`.\n    {} = {},",
            c.name,
            c.letter,
            camel(&c.name),
            i + 1
        );
    }
    let _ = writeln!(w, "}}\n\nimpl Category {{\n    /// Every category, in number order.");
    let _ = writeln!(w, "    pub const ALL: [Category; {}] = [", catalog.categories.len());
    for c in &catalog.categories {
        let _ = writeln!(w, "        Category::{},", camel(&c.name));
    }
    let _ = writeln!(w, "    ];\n\n    /// The name with its NUL, for the C ABI.");
    let _ = writeln!(
        w,
        "    pub(crate) const fn name_with_nul(self) -> &'static str {{\n        match self {{"
    );
    for c in &catalog.categories {
        let _ = writeln!(w, "            Category::{} => \"{}\\0\",", camel(&c.name), c.name);
    }
    let _ = writeln!(w, "        }}\n    }}\n}}");

    let _ = writeln!(
        w,
        "\n/// Every code of the catalog, in spec order, named by its symbolic name."
    );
    let _ = writeln!(w, "///\n/// A later spec may add codes: match with a wildcard arm.");
    let _ = writeln!(
        w,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u8)]\n#[non_exhaustive]"
    );
    let _ = writeln!(w, "pub enum ErrorCode {{");
    for e in &catalog.entries {
        let _ = writeln!(
            w,
            "    /// `{}` `{}`: {} ({})\n    {},",
            e.code,
            e.name,
            e.zh,
            e.en,
            camel(&e.name)
        );
    }
    let _ = writeln!(w, "}}\n\nimpl ErrorCode {{\n    /// Every code, in spec order.");
    let _ = writeln!(w, "    pub(crate) const ALL: [ErrorCode; {n}] = [");
    for e in &catalog.entries {
        let _ = writeln!(w, "        ErrorCode::{},", camel(&e.name));
    }
    let _ = writeln!(w, "    ];\n}}\n");
    // Every string once, NUL-terminated, in one text; the entries hold offsets.
    let _ = writeln!(w, "/// The data of each [`ErrorCode`], indexed by its discriminant.");
    let _ = writeln!(w, "static ENTRIES: [Entry; {n}] = [");
    for e in &catalog.entries {
        let _ = writeln!(w, "    {},", text.entry(catalog, e, false));
    }
    let _ = writeln!(w, "];");
    s
}

/// `Catalog` (every catalog, the default first) and the entries of each later one.
fn later_catalogs(catalogs: &[Catalog], text: &mut Text) -> String {
    let mut s = String::new();
    let w = &mut s;
    let upper = |c: &Catalog| c.variant.to_ascii_uppercase();
    let _ = writeln!(
        w,
        "\n/// A table of codes the library carries, each as its publisher wrote it (docs/catalogs.md)."
    );
    let _ = writeln!(w, "///\n/// Later releases add catalogs: match with a wildcard arm.");
    let _ = writeln!(
        w,
        "#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[non_exhaustive]"
    );
    let _ = writeln!(w, "pub enum Catalog {{");
    for (i, c) in catalogs.iter().enumerate() {
        let default = if i == 0 { "    #[default]\n" } else { "" };
        let _ = writeln!(w, "    /// `{}`: {}\n{default}    {},", c.id, c.source, c.variant);
    }
    let _ = writeln!(
        w,
        "}}\n\nimpl Catalog {{\n    /// Every catalog, the default first, then in the order they were added."
    );
    let _ = writeln!(w, "    pub const ALL: [Catalog; {}] = [", catalogs.len());
    for c in catalogs {
        let _ = writeln!(w, "        Catalog::{},", c.variant);
    }
    let _ = writeln!(w, "    ];\n\n    /// Its id with a NUL, for the C ABI.");
    let _ = writeln!(
        w,
        "    pub(crate) const fn id_with_nul(self) -> &'static str {{\n        match self {{"
    );
    for c in catalogs {
        let _ = writeln!(
            w,
            "            Catalog::{} => {},",
            c.variant,
            literal(&format!("{}\0", c.id))
        );
    }
    let _ = writeln!(w, "        }}\n    }}\n\n    /// Its source with a NUL, for the C ABI.");
    let _ = writeln!(
        w,
        "    pub(crate) const fn source_with_nul(self) -> &'static str {{\n        match self {{"
    );
    for c in catalogs {
        let _ = writeln!(
            w,
            "            Catalog::{} => {},",
            c.variant,
            literal(&format!("{}\0", c.source))
        );
    }
    let _ = writeln!(w, "        }}\n    }}\n\n    /// Its entries, in its table's order.");
    let _ = writeln!(
        w,
        "    pub(crate) fn entries(self) -> &'static [Entry] {{\n        match self {{"
    );
    let _ = writeln!(w, "            Catalog::{} => &ENTRIES,", catalogs[0].variant);
    for c in &catalogs[1..] {
        let _ = writeln!(w, "            Catalog::{} => &{}_ENTRIES,", c.variant, upper(c));
    }
    let _ = writeln!(
        w,
        "        }}\n    }}\n\n    /// The hints of its entries, by index; none for the default."
    );
    let _ = writeln!(
        w,
        "    pub(crate) fn hints(self) -> &'static [Hint] {{\n        match self {{"
    );
    let _ = writeln!(w, "            Catalog::{} => &[],", catalogs[0].variant);
    for c in &catalogs[1..] {
        let _ = writeln!(w, "            Catalog::{} => &{}_HINTS,", c.variant, upper(c));
    }
    let _ = writeln!(w, "        }}\n    }}\n}}");
    for c in &catalogs[1..] {
        let _ = writeln!(w, "\n/// The entries of catalog `{}`, in its table's order.", c.id);
        let _ = writeln!(w, "static {}_ENTRIES: [Entry; {}] = [", upper(c), c.entries.len());
        for e in &c.entries {
            let _ = writeln!(w, "    {},", text.entry(c, e, true));
        }
        let _ = writeln!(w, "];\n/// The hints of its entries, by index.");
        let _ = writeln!(w, "static {}_HINTS: [Hint; {}] = [", upper(c), c.entries.len());
        for e in &c.entries {
            let _ = writeln!(w, "    {},", text.hint(e));
        }
        let _ = writeln!(w, "];");
    }
    s
}

/// `text` as a Rust string literal; each NUL as `\x00`, so that no NUL before
/// a digit reads like an octal escape.
fn literal(text: &str) -> String {
    let mut s = String::from("\"");
    for c in text.chars() {
        match c {
            '\0' => s.push_str("\\x00"),
            '"' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            c if c.is_control() => {
                let _ = write!(s, "\\u{{{:x}}}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Every code and alias of `catalog` in a slot of its own: the slots (key,
/// entry index, code) and the multiplier and shift that find them.
#[allow(clippy::type_complexity)]
fn slots(catalog: &Catalog) -> (Vec<Option<(u64, usize, &str)>>, u64, u32) {
    let keys: Vec<(u64, usize, &str)> = catalog
        .keys()
        .into_iter()
        .map(|(k, i)| (key::key(key::word(k.as_bytes()), k.len()), i, k))
        .collect();
    let (bits, multiplier) = perfect_hash(&keys.iter().map(|k| k.0).collect::<Vec<_>>())
        .unwrap_or_else(|| fail(&["no collision-free hash multiplier found for the catalog's codes".into()]));
    let shift = 64 - bits;
    let mut slots = vec![None; 1 << bits];
    for &(key, i, k) in &keys {
        slots[key::slot(key, multiplier, shift)] = Some((key, i, k));
    }
    (slots, multiplier, shift)
}

/// The table of a later catalog: `IndexTable`, every key in order with its
/// entry's index, searched by bisection (a perfect hash, as the default
/// catalog's, would take four times the bytes for a lookup nobody times).
fn index_table(catalog: &Catalog) -> String {
    let mut keys: Vec<(u64, usize, &str)> = catalog
        .keys()
        .into_iter()
        .map(|(k, i)| (key::key(key::word(k.as_bytes()), k.len()), i, k))
        .collect();
    keys.sort();
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(
        w,
        "\n/// Every code and alias of catalog `{}`, by key, with its entry's index.",
        catalog.id
    );
    let _ = writeln!(
        w,
        "pub(crate) static {}_TABLE: IndexTable = IndexTable {{\n    keys: &[",
        catalog.variant.to_ascii_uppercase()
    );
    for (key, _, k) in &keys {
        let _ = writeln!(w, "        {key:#018x}, // {k}");
    }
    let _ = writeln!(w, "    ],\n    indices: &[");
    for (_, index, _) in &keys {
        let index =
            u8::try_from(*index).unwrap_or_else(|_| fail(&[format!("catalog {}: over 256 entries", catalog.id)]));
        let _ = writeln!(w, "        {index},");
    }
    let _ = writeln!(w, "    ],\n}};");
    s
}

/// The perfect-hash table: every code and alias in a slot of its own.
fn hash_table(catalog: &Catalog) -> String {
    let (slots, multiplier, shift) = slots(catalog);
    let mut s = banner(catalog);
    let w = &mut s;
    let _ = writeln!(
        w,
        "\n/// `key::slot(key, HASH_MULTIPLIER, HASH_SHIFT)` is collision-free over every code and alias."
    );
    let _ = writeln!(
        w,
        "const HASH_MULTIPLIER: u64 = {multiplier:#018x};\nconst HASH_SHIFT: u32 = {shift};"
    );
    let _ = writeln!(w, "static SLOTS: [Slot; {}] = [", slots.len());
    for (i, slot) in slots.iter().enumerate() {
        let _ = match slot {
            Some((key, e, k)) => {
                let name = camel(&catalog.entries[*e].name);
                writeln!(
                    w,
                    "    Slot {{ key: {key:#018x}, code: Some(ErrorCode::{name}) }}, // {i}: {k}"
                )
            }
            None => writeln!(w, "    Slot::EMPTY,"),
        };
    }
    let _ = writeln!(w, "];");
    s
}

/// The smallest table (in bits) and a multiplier that map every key to its own
/// slot. Deterministic: the same keys give the same table on every build.
fn perfect_hash(keys: &[u64]) -> Option<(u32, u64)> {
    let min_bits = (keys.len().max(2) as f64).log2().ceil() as u32;
    let mut seen = vec![0u32; 1 << 16];
    for bits in min_bits..=16 {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for attempt in 1..=50_000u32 {
            // splitmix64
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let multiplier = (z ^ (z >> 31)) | 1;
            let fresh = |k: &u64| {
                let s = &mut seen[key::slot(*k, multiplier, 64 - bits)];
                std::mem::replace(s, attempt) != attempt
            };
            if keys.iter().all(fresh) {
                return Some((bits, multiplier));
            }
        }
        seen.fill(0);
    }
    None
}
