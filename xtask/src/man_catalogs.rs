//! The overview man page's CATALOGS section (`.\" @CATALOGS@` in
//! `man/templates/iot_error_codes.3.in`): every later catalog's codes with
//! their hints. Apart from `man.rs`, which fills it in, so that the page's
//! other sections can change without touching this one.

use std::fmt::Write as _;

use crate::man::{escape, sentences, text_line};
use crate::source::Catalog;

/// A subsection per later catalog: its id and source, then each code as a
/// tagged paragraph with its name, category, status, texts and hint.
pub fn section(catalogs: &[Catalog]) -> String {
    let mut s = String::new();
    for c in &catalogs[1..] {
        writeln!(s, ".SS {}\n{}", escape(&c.id), text_line(&c.source)).unwrap();
        for e in &c.entries {
            writeln!(s, ".TP\n.BR {} \" \\(em \" {}", e.code, e.name).unwrap();
            write!(s, "Category {}, status {}.", c.category_name(e), e.status).unwrap();
            writeln!(
                s,
                "\n.br\n{}\n.br\n.nf\n{}\n.fi",
                sentences(&escape(&e.en)).trim_end(),
                text_line(&e.zh)
            )
            .unwrap();
            if let Some(hint) = &e.hint {
                writeln!(
                    s,
                    ".br\nHint: {}\n.br\n.nf\n{}\n.fi",
                    sentences(&escape(&hint.en)).trim_end(),
                    text_line(&hint.zh)
                )
                .unwrap();
            }
        }
    }
    s
}
