//! The catalog table in `README.md`: everything between the
//! `<!-- BEGIN CATALOG -->` and `<!-- END CATALOG -->` lines. The rest of the
//! README is hand-written and kept as it is.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::source::Catalog;
use crate::{GENERATOR, REGENERATE};

pub const PATH: &str = "README.md";
const BEGIN: &str = "<!-- BEGIN CATALOG -->\n";
const END: &str = "<!-- END CATALOG -->\n";

/// The README with a fresh table between its markers.
pub fn generate(root: &Path, catalog: &Catalog) -> Result<String, String> {
    let readme = fs::read_to_string(root.join(PATH)).map_err(|e| format!("{PATH}: {e}"))?;
    let start = readme.find(BEGIN).ok_or(format!("{PATH} has no line {BEGIN:?}"))? + BEGIN.len();
    let end = start
        + readme[start..]
            .find(END)
            .ok_or(format!("{PATH} has no line {END:?} after {BEGIN:?}"))?;
    Ok(format!("{}{}{}", &readme[..start], table(catalog), &readme[end..]))
}

fn table(catalog: &Catalog) -> String {
    let mut s = catalog.banner("<!--", GENERATOR, REGENERATE).replace('\n', " -->\n");
    s.push_str("\n| # | Code | Name | Category | Status | retInfo (zh-CN, from the spec) | English |\n");
    s.push_str("|---:|---|---|---|---|---|---|\n");
    for (i, e) in catalog.entries.iter().enumerate() {
        let aliases: Vec<&str> = catalog.aliases_of(i).collect();
        let code = if aliases.is_empty() {
            format!("`{}`", e.code)
        } else {
            format!("`{}` (alias `{}`)", e.code, aliases.join("`, `"))
        };
        writeln!(
            s,
            "| {} | {code} | `{}` | {} | `{}` | {} | {} |",
            i + 1,
            e.name,
            catalog.category_name(e),
            e.status,
            e.zh.replace('|', "\\|"),
            e.en.replace('|', "\\|")
        )
        .unwrap();
    }
    s
}
