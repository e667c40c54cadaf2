//! The constants the bindings share, gathered in one place and written into
//! each binding's generated file (Python `_catalog.py`, Java `Constants.java`),
//! so that no binding types one of them by hand.

use std::fs;
use std::path::Path;

use crate::source::Catalog;
use crate::template;

/// How many language tags (beyond the ones a binding knows up front) a
/// binding remembers the resolved texts of, and how long such a tag may be.
///
/// Binding policy, not a fact of the catalog. A binding caches, per language
/// tag it has been given, which texts the tag selects, so that a repeated tag
/// costs a dictionary lookup rather than a native call. The tags come from
/// callers (often from outside the process), so the cache must not grow
/// without end: it holds at most 64 tags of at most 32 bytes each, a few
/// kilobytes at worst; other tags are resolved on every call, correctly but
/// more slowly. A process sees a handful of locales, far fewer than 64, and
/// real BCP 47 or POSIX tags (`zh-Hans-CN`, `en_US.UTF-8@euro`) fit in 32.
pub const TAG_CACHE_MAX_ENTRIES: usize = 64;
/// See [`TAG_CACHE_MAX_ENTRIES`].
pub const TAG_CACHE_MAX_TAG_LEN: usize = 32;

/// The help text of the bindings' command lines, with `@CATALOG_VERSION@`.
pub const USAGE_FILE: &str = "bindings/usage.txt";

/// The values every binding gets.
pub struct Contract {
    /// The spec's version, e.g. `1.3.0`.
    pub catalog_version: String,
    /// The platform's retCode for success (not in the catalog).
    pub success_code: &'static str,
    /// The length of the longest code or alias.
    pub max_code_len: usize,
    /// How many bytes of a language tag the library reads.
    pub tag_prefix_len: usize,
    pub tag_cache_max_entries: usize,
    pub tag_cache_max_tag_len: usize,
    /// (alias, the spec code it stands for).
    pub aliases: Vec<(String, String)>,
    /// The command line's help text, without a trailing newline.
    pub usage: String,
}

impl Contract {
    pub fn new(root: &Path, catalog: &Catalog) -> Result<Contract, Vec<String>> {
        let usage_path = root.join(USAGE_FILE);
        let usage = fs::read_to_string(&usage_path).map_err(|e| vec![format!("{USAGE_FILE}: {e}")])?;
        let usage = template::fill(USAGE_FILE, &usage, &[("CATALOG_VERSION", &catalog.version)])?;
        Ok(Contract {
            catalog_version: catalog.version.clone(),
            success_code: iot_error_codes::SUCCESS,
            max_code_len: iot_error_codes::MAX_CODE_LEN,
            tag_prefix_len: iot_error_codes::Language::TAG_PREFIX_LEN,
            tag_cache_max_entries: TAG_CACHE_MAX_ENTRIES,
            tag_cache_max_tag_len: TAG_CACHE_MAX_TAG_LEN,
            aliases: catalog
                .aliases
                .iter()
                .map(|(a, i)| (a.clone(), catalog.entries[*i].code.clone()))
                .collect(),
            usage: usage.strip_suffix('\n').unwrap_or(&usage).to_string(),
        })
    }
}
