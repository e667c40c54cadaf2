//! `bindings/python/iot_error_codes/_catalog.py`: the `ErrorCode` enum and
//! the shared constants, from the template `bindings/python/templates/_catalog.py.in`.
//!
//! The template holds everything hand-written (the docstrings, `__str__`,
//! `_missing_`); this fills its places:
//! - `# @BANNER@`: the "generated, do not edit" lines;
//! - `# @CONSTANTS@`: the constants of [`Contract`], each with a docstring;
//! - `    # @MEMBERS@`: one member per code, in spec order, with its texts;
//! - `    # @STATUSES@`: the members of `Status`, gRPC's canonical statuses;
//! - `    # @CATALOGS@`: the members of `Catalog`, one per catalog, the default first;
//! - `@CATALOG_VERSION@`: the spec's version, in prose.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::constants::Contract;
use crate::source::{constant_name, Catalog};
use crate::{template, GENERATOR, REGENERATE};

pub const PATH: &str = "bindings/python/iot_error_codes/_catalog.py";
const TEMPLATE: &str = "bindings/python/templates/_catalog.py.in";

pub fn generate(root: &Path, catalogs: &[Catalog], contract: &Contract) -> Result<String, Vec<String>> {
    let catalog = &catalogs[0];
    let text = fs::read_to_string(root.join(TEMPLATE)).map_err(|e| vec![format!("{TEMPLATE}: {e}")])?;
    template::fill(
        TEMPLATE,
        &text,
        &[
            ("BANNER", &catalog.banner("#", GENERATOR, REGENERATE)),
            ("CONSTANTS", &constants(contract)),
            ("MEMBERS", &members(catalog)),
            ("STATUSES", &statuses()),
            ("CATALOGS", &catalog_members(catalogs)),
            ("CATALOG_VERSION", &catalog.version),
        ],
    )
}

fn constants(c: &Contract) -> String {
    let aliases: Vec<String> = c
        .aliases
        .iter()
        .map(|(a, code)| format!("{}: {}", string(a), string(code)))
        .collect();
    let mut s = String::new();
    let mut constant = |name: &str, value: String, doc: &str| {
        writeln!(s, "{name} = {value}\n\"\"\"{doc}\"\"\"").unwrap();
    };
    constant(
        "CATALOG_VERSION",
        string(&c.catalog_version),
        "The version of the platform's error-code spec that the catalog comes from.",
    );
    constant(
        "SUCCESS_CODE",
        string(c.success_code),
        "The platform's retCode for success: not an error, and not in the catalog.",
    );
    constant(
        "MAX_CODE_LEN",
        c.max_code_len.to_string(),
        "The length of the longest code or alias (the header's IOT_ERROR_CODE_MAX_LEN): \
         a longer string is never a code.",
    );
    constant(
        "TAG_PREFIX_LEN",
        c.tag_prefix_len.to_string(),
        "How many bytes of a language tag the library reads (the header's IOT_ERROR_LANGUAGE_TAG_PREFIX_LEN).",
    );
    constant(
        "TAG_CACHE_MAX_ENTRIES",
        c.tag_cache_max_entries.to_string(),
        "The most language tags whose texts are remembered: bounded memory whatever tags callers pass.",
    );
    constant(
        "TAG_CACHE_MAX_TAG_LEN",
        c.tag_cache_max_tag_len.to_string(),
        "The longest language tag whose texts are remembered; a longer one is resolved on every call.",
    );
    constant(
        "ALIASES",
        format!("{{{}}}", aliases.join(", ")),
        "Every alias, with the spec code it stands for.",
    );
    constant(
        "USAGE",
        string(&c.usage),
        "The command line's help text (bindings/usage.txt).",
    );
    s
}

fn members(catalog: &Catalog) -> String {
    let mut s = String::new();
    for e in &catalog.entries {
        writeln!(s, "{} = {}\n\"\"\"{}: {}\"\"\"", e.name, string(&e.code), e.en, e.zh).unwrap();
    }
    s
}

/// The members of `Catalog`: each id under its constant name.
fn catalog_members(catalogs: &[Catalog]) -> String {
    let mut s = String::new();
    for c in catalogs {
        writeln!(
            s,
            "{} = {}\n\"\"\"{}\"\"\"",
            constant_name(&c.id),
            string(&c.id),
            c.source
        )
        .unwrap();
    }
    s
}

/// The members of `Status`: gRPC's names and numbers, from the library.
fn statuses() -> String {
    let mut s = String::new();
    for status in iot_error_codes::Status::iter() {
        let retry = if status.is_retryable() { "; retryable" } else { "" };
        writeln!(
            s,
            "{} = {}\n\"\"\"HTTP {}{retry}.\"\"\"",
            status.name(),
            status.number(),
            status.http_status()
        )
        .unwrap();
    }
    s
}

/// `s` as a Python string literal in double quotes (the file is UTF-8, so
/// only quotes, backslashes and control characters are escaped).
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn string_literals() {
        assert_eq!(super::string("a \"b\" \\ c\nd\u{7}é"), r#""a \"b\" \\ c\nd\u0007é""#);
    }
}
