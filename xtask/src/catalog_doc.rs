//! `docs/catalog.md`, the catalogs as Markdown tables: every code with its
//! name, category, status and both texts, in spec order; for a later catalog
//! also its hints, and a table of the codes whose meaning differs from
//! V1.3.0's. The whole page is generated; its prose is here.

use std::fmt::Write as _;

use crate::source::Catalog;
use crate::{GENERATOR, REGENERATE};

pub const PATH: &str = "docs/catalog.md";

/// The page: a heading, the banner, a few lines on where the rows come from,
/// the default catalog's table, then a section for each later catalog.
pub fn generate(catalogs: &[Catalog]) -> String {
    let catalog = &catalogs[0];
    let mut s = String::from("# The catalog\n\n");
    let sources: Vec<String> = catalogs
        .iter()
        .flat_map(|c| {
            [
                format!("{}/{}", crate::source::DIR, c.spec_file),
                format!("{}/{}", crate::source::DIR, c.data_file),
            ]
        })
        .collect();
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    let banner = crate::source::banner("<!--", &sources, GENERATOR, REGENERATE);
    s.push_str(&banner.replace('\n', " -->\n"));
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
    for later in &catalogs[1..] {
        later_catalog(&mut s, catalog, later);
    }
    s
}

/// `|` escaped for a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The section of a later catalog: its table with hints, and the codes whose
/// meaning differs from the default catalog's.
fn later_catalog(s: &mut String, default: &Catalog, later: &Catalog) {
    writeln!(
        s,
        "\n## Catalog `{id}`\n\n\
         The {n} codes of the platform's common error-code table ({source}), in\n\
         the table's order (`--catalog {id}`, [Catalogs](catalogs.md)): code,\n\
         Chinese text and hint (可尝试解决方法) from the table, verbatim; name,\n\
         category, status and the English of both from `src/catalog/{data}` where\n\
         the text is new or differs from V1.3.0's, from names.tsv where it is the\n\
         same. A code the table lists twice is its first row; a hint evidently\n\
         another code's is withheld (`src/catalog/{data}` says which and why).",
        id = later.id,
        n = later.entries.len(),
        source = later.source,
        data = later.data_file,
    )
    .unwrap();
    s.push_str(
        "\n| # | Code | Name | Category | Status | retInfo (zh-CN) | English | Hint (zh-CN) | Hint (English) |\n",
    );
    s.push_str("|---:|---|---|---|---|---|---|---|---|\n");
    for (i, e) in later.entries.iter().enumerate() {
        let (hint_zh, hint_en) = e.hint.as_ref().map_or(("", ""), |h| (h.zh.as_str(), h.en.as_str()));
        writeln!(
            s,
            "| {} | `{}` | `{}` | {} | `{}` | {} | {} | {} | {} |",
            i + 1,
            e.code,
            e.name,
            later.category_name(e),
            e.status,
            cell(&e.zh),
            cell(&e.en),
            cell(hint_zh),
            cell(hint_en)
        )
        .unwrap();
    }
    writeln!(
        s,
        "\n### Codes whose meaning differs from V{}\n\n\
         The same code with another text in `{}`: each catalog has its own entry.\n\n\
         | Code | V{v} name | V{v} text | `{id}` name | `{id}` text |\n\
         |---|---|---|---|---|",
        default.version,
        later.id,
        v = default.version,
        id = later.id,
    )
    .unwrap();
    for e in &later.entries {
        if let Some(old) = default.entries.iter().find(|d| d.code == e.code && d.zh != e.zh) {
            writeln!(
                s,
                "| `{}` | `{}` | {} ({}) | `{}` | {} ({}) |",
                e.code,
                old.name,
                cell(&old.zh),
                cell(&old.en),
                e.name,
                cell(&e.zh),
                cell(&e.en)
            )
            .unwrap();
        }
    }
}
