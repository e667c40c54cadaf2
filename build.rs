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
    let catalog = Catalog::load(&manifest.join(source::DIR)).unwrap_or_else(|errors| fail(&errors));
    if let Some(problem) = outside_the_bmp(&catalog) {
        fail(&[problem]);
    }
    write(&out.join("catalog.rs"), &tables(&catalog));
    write(&out.join("hash.rs"), &hash_table(&catalog));
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
        let c = [&e.zh, &e.en]
            .into_iter()
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
fn tables(catalog: &Catalog) -> String {
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
    let mut text = String::new();
    let _ = writeln!(w, "/// The data of each [`ErrorCode`], indexed by its discriminant.");
    let _ = writeln!(w, "static ENTRIES: [Entry; {n}] = [");
    for e in &catalog.entries {
        let (mut at, mut len) = ([0u16; 4], [0u8; 4]);
        for (i, field) in [&e.code, &e.name, &e.zh, &e.en].into_iter().enumerate() {
            at[i] = u16::try_from(text.len()).unwrap_or_else(|_| fail(&["the catalog's text exceeds 64 KiB".into()]));
            len[i] = u8::try_from(field.len())
                .unwrap_or_else(|_| fail(&[format!("code {}: a text of {} bytes is over 255", e.code, field.len())]));
            text.push_str(field);
            text.push('\0');
        }
        let (category, status) = (camel(catalog.category_name(e)), camel(&e.status));
        let _ = writeln!(
            w,
            "    Entry {{ at: {at:?}, len: {len:?}, category: Category::{category}, status: Status::{status} }},"
        );
    }
    let _ = writeln!(
        w,
        "];\n\n/// Every code's code, name, Chinese and English text, each followed by a NUL."
    );
    let _ = writeln!(w, "static TEXT: &str = {};", literal(&text));
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

/// The perfect-hash table: every code and alias in a slot of its own.
fn hash_table(catalog: &Catalog) -> String {
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
