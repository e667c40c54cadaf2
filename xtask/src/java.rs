//! The Java binding's generated classes, each from its template in `bindings/java/templates/`:
//! - `ErrorCode.java`: the enum, one constant per code in spec order. The
//!   template holds its fields and methods; `// @CONSTANTS@` becomes the
//!   constants and `@CATALOG_VERSION@` the spec's version.
//! - `Constants.java`: the constants of [`Contract`] (`// @CONSTANTS@`).
//! - `Status.java`: gRPC's canonical statuses (`// @CONSTANTS@`).
//! - `Catalog.java`: the enum of catalogs, one constant per id (`// @CONSTANTS@`).
//! - `IotErrorCodes.java`: the binding's class; `// @NATIVE_METHODS@` becomes
//!   the `native` declarations of every method `src/jni.rs` registers
//!   ([`Jni::declarations`]).
//!
//! Every template starts with `// @BANNER@`, the "generated, do not edit" lines.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::constants::Contract;
use crate::jni::{self, Jni};
use crate::source::{self, Catalog};
use crate::{template, GENERATOR, REGENERATE};

pub const ERROR_CODE_PATH: &str = "bindings/java/src/iot/errorcodes/ErrorCode.java";
pub const CONSTANTS_PATH: &str = "bindings/java/src/iot/errorcodes/Constants.java";
pub const STATUS_PATH: &str = "bindings/java/src/iot/errorcodes/Status.java";
const STATUS_TEMPLATE: &str = "bindings/java/templates/Status.java.in";
pub const CATALOG_PATH: &str = "bindings/java/src/iot/errorcodes/Catalog.java";
const CATALOG_TEMPLATE: &str = "bindings/java/templates/Catalog.java.in";
const ERROR_CODE_TEMPLATE: &str = "bindings/java/templates/ErrorCode.java.in";
const CONSTANTS_TEMPLATE: &str = "bindings/java/templates/Constants.java.in";
/// The class with the `native` methods, `src/jni.rs`'s `CLASS`.
pub const NATIVE_CLASS_PATH: &str = "bindings/java/src/iot/errorcodes/IotErrorCodes.java";
const NATIVE_CLASS_TEMPLATE: &str = "bindings/java/templates/IotErrorCodes.java.in";

pub fn error_code(root: &Path, catalog: &Catalog) -> Result<String, Vec<String>> {
    let mut constants = String::new();
    for (i, e) in catalog.entries.iter().enumerate() {
        let end = if i + 1 == catalog.entries.len() { ';' } else { ',' };
        let (code, category) = (string(&e.code), string(catalog.category_name(e)));
        writeln!(
            constants,
            "/** {}: {} */\n{}({code}, {category}, Status.{}){end}",
            e.code, e.en, e.name, e.status
        )
        .unwrap();
    }
    fill(
        root,
        ERROR_CODE_TEMPLATE,
        &[
            ("BANNER", &catalog.banner("//", GENERATOR, REGENERATE)),
            ("CONSTANTS", &constants),
            ("CATALOG_VERSION", &catalog.version),
        ],
    )
}

pub fn constants(root: &Path, catalog: &Catalog, c: &Contract) -> Result<String, Vec<String>> {
    let aliases: Vec<String> = c
        .aliases
        .iter()
        .flat_map(|(a, code)| [string(a), string(code)])
        .collect();
    let mut s = String::new();
    writeln!(
        s,
        "static final String CATALOG_VERSION = {};",
        string(&c.catalog_version)
    )
    .unwrap();
    writeln!(s, "static final String SUCCESS_CODE = {};", string(c.success_code)).unwrap();
    writeln!(s, "static final int MAX_CODE_LEN = {};", c.max_code_len).unwrap();
    writeln!(s, "static final int TAG_PREFIX_LEN = {};", c.tag_prefix_len).unwrap();
    writeln!(
        s,
        "static final int TAG_CACHE_MAX_ENTRIES = {};",
        c.tag_cache_max_entries
    )
    .unwrap();
    writeln!(
        s,
        "static final int TAG_CACHE_MAX_TAG_LEN = {};",
        c.tag_cache_max_tag_len
    )
    .unwrap();
    writeln!(s, "/** Pairs: alias, code. */").unwrap();
    writeln!(s, "static final String[] ALIASES = {{{}}};", aliases.join(", ")).unwrap();
    writeln!(s, "/** The command line's help text (bindings/usage.txt). */").unwrap();
    writeln!(s, "static final String USAGE = {};", string(&c.usage)).unwrap();
    fill(
        root,
        CONSTANTS_TEMPLATE,
        &[
            ("BANNER", &catalog.banner("//", GENERATOR, REGENERATE)),
            ("CONSTANTS", &s),
        ],
    )
}

/// `Status.java`: gRPC's canonical statuses with their numbers, HTTP statuses
/// and retry advice, from the library.
pub fn status(root: &Path, catalog: &Catalog) -> Result<String, Vec<String>> {
    let mut constants = String::new();
    let count = iot_error_codes::Status::iter().len();
    for (i, status) in iot_error_codes::Status::iter().enumerate() {
        let end = if i + 1 == count { ';' } else { ',' };
        let (number, http, retry) = (status.number(), status.http_status(), status.is_retryable());
        writeln!(constants, "{}({number}, {http}, {retry}){end}", status.name()).unwrap();
    }
    fill(
        root,
        STATUS_TEMPLATE,
        &[
            ("BANNER", &catalog.banner("//", GENERATOR, REGENERATE)),
            ("CONSTANTS", &constants),
        ],
    )
}

/// `Catalog.java`: one constant per catalog, the default first, with its id and source.
pub fn catalog_enum(root: &Path, catalogs: &[Catalog]) -> Result<String, Vec<String>> {
    let mut constants = String::new();
    for (i, c) in catalogs.iter().enumerate() {
        let end = if i + 1 == catalogs.len() { ';' } else { ',' };
        let name = source::constant_name(&c.id);
        writeln!(
            constants,
            "/** {}: {} */\n{name}({}, {}){end}",
            c.id,
            c.source,
            string(&c.id),
            string(&c.source)
        )
        .unwrap();
    }
    fill(
        root,
        CATALOG_TEMPLATE,
        &[
            ("BANNER", &catalogs[0].banner("//", GENERATOR, REGENERATE)),
            ("CONSTANTS", &constants),
        ],
    )
}

/// `IotErrorCodes.java`: its template with the `native` declarations of `src/jni.rs`.
pub fn native_class(root: &Path, jni: &Jni) -> Result<String, Vec<String>> {
    let declared = format!("bindings/java/src/{}.java", jni.class);
    if declared != NATIVE_CLASS_PATH {
        return Err(vec![format!(
            "{}: CLASS is {}, whose source would be {declared}, but the generator writes {NATIVE_CLASS_PATH}",
            jni::SOURCE,
            jni.class
        )]);
    }
    fill(
        root,
        NATIVE_CLASS_TEMPLATE,
        &[
            ("BANNER", &source::banner("//", &[jni::SOURCE], GENERATOR, REGENERATE)),
            ("NATIVE_METHODS", &jni.declarations()?),
        ],
    )
}

fn fill(root: &Path, template: &str, values: &[(&str, &str)]) -> Result<String, Vec<String>> {
    let text = fs::read_to_string(root.join(template)).map_err(|e| vec![format!("{template}: {e}")])?;
    template::fill(template, &text, values)
}

/// `s` as a Java string literal. Everything outside printable ASCII is
/// escaped (as `\uXXXX`, UTF-16), so the literal means the same whatever
/// encoding javac reads the file with.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            // Octal, not \u: javac turns \u000a into a real line break before it reads the literal.
            c if (c as u32) < 0x20 => write!(out, "\\{:03o}", c as u32).unwrap(),
            c => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(out, "\\u{unit:04x}").unwrap();
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn string_literals() {
        assert_eq!(
            super::string("a \"b\" \\ c\nd\u{7}é😀"),
            r#""a \"b\" \\ c\nd\007\u00e9\ud83d\ude00""#
        );
    }
}
