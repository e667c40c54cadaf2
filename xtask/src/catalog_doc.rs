//! `docs/catalog.md`, the catalog as a Markdown table: every code with its
//! name, category, status and both texts, in spec order. The whole page is
//! generated; its prose is here.

use std::fmt::Write as _;

use crate::source::Catalog;
use crate::{GENERATOR, REGENERATE};

pub const PATH: &str = "docs/catalog.md";

/// The page: a heading, the banner, a few lines on where the rows come from, the table.
pub fn generate(catalog: &Catalog) -> String {
    let mut s = String::from("# The catalog\n\n");
    s.push_str(&catalog.banner("<!--", GENERATOR, REGENERATE).replace('\n', " -->\n"));
    writeln!(
        s,
        "\nAll {} codes of the UWS IoT platform's error-code spec V{}, in the spec's\n\
         order: code and Chinese text from the spec; name, category, status and\n\
         English text from names.tsv. What to do with a status is in\n\
         [Acting on a retCode](statuses.md).",
        catalog.entries.len(),
        catalog.version,
    )
    .unwrap();
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
