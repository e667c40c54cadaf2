//! The catalogs against the vendor's files, parsed here independently of
//! build.rs: the common table (`src/catalog/uws-common-error-codes-2021-04-05.md`)
//! and the V1.3.0 spec, with the decisions of docs/catalogs.md written out
//! below as the oracle's own rules.

mod common;

use std::collections::HashMap;

use iot_error_codes::{Catalog, Category, ErrorCode, Language, Status};

const COMMON_DATA: &str = "src/catalog/uws-common-2021-04-05.tsv";

/// docs/catalogs.md: a repeated code's entry is its first row.
const REPEATED: [&str; 2] = ["LI0001", "LG0001"];
/// docs/catalogs.md: the hints of A00009, LS0001 and LI0001 belong to other codes and are withheld.
const WITHHELD: [&str; 3] = ["A00009", "LS0001", "LI0001"];

/// The first row of each code of the common table, in table order.
fn first_rows() -> Vec<(String, String, String)> {
    let mut seen = std::collections::HashSet::new();
    common::common_table_rows()
        .into_iter()
        .filter(|(code, ..)| seen.insert(code.clone()))
        .collect()
}

#[test]
fn the_common_table_has_129_rows_127_codes_and_exactly_the_two_repeats() {
    let rows = common::common_table_rows();
    assert_eq!(rows.len(), 129);
    assert_eq!(first_rows().len(), 127);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (code, ..) in &rows {
        *counts.entry(code.as_str()).or_default() += 1;
    }
    let mut repeated: Vec<&str> = counts.iter().filter(|(_, n)| **n > 1).map(|(c, _)| *c).collect();
    repeated.sort();
    assert_eq!(repeated, ["LG0001", "LI0001"]);
    assert_eq!(rows.iter().filter(|r| r.2 != "N/A").count(), 31, "hints on 31 rows");
}

#[test]
fn the_common_catalog_is_the_table_in_order_with_its_texts() {
    let catalog = Catalog::UwsCommon2021_04_05;
    let firsts = first_rows();
    let codes: Vec<&str> = catalog.iter().map(|e| e.code()).collect();
    let table: Vec<&str> = firsts.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(codes, table);
    for (code, text, _) in &firsts {
        let entry = catalog.lookup(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(entry.description(Language::Zh), text, "{code}");
    }
    // Every row: a repeat answers with its code's first row.
    for (code, text, _) in common::common_table_rows() {
        let first = &firsts.iter().find(|r| r.0 == code).unwrap().1;
        let entry = catalog.lookup(&code).unwrap();
        assert_eq!(entry.description(Language::Zh), first);
        assert!(first == &text || REPEATED.contains(&code.as_str()), "{code}");
    }
}

#[test]
fn hints_are_the_vendors_text_verbatim_except_the_withheld_one() {
    let english: HashMap<String, String> = common::hint_rows(COMMON_DATA).into_iter().collect();
    for (code, _, hint) in first_rows() {
        let entry = Catalog::UwsCommon2021_04_05.lookup(&code).unwrap();
        if hint == "N/A" || WITHHELD.contains(&code.as_str()) {
            assert_eq!(entry.hint(Language::Zh), None, "{code}");
            assert_eq!(entry.hint(Language::En), None, "{code}");
        } else {
            assert_eq!(entry.hint(Language::Zh), Some(hint.as_str()), "{code}");
            assert_eq!(
                entry.hint(Language::En),
                english.get(&hint).map(String::as_str),
                "{code}"
            );
        }
    }
    for code in WITHHELD {
        let row = first_rows().into_iter().find(|r| r.0 == code).unwrap();
        assert_ne!(row.2, "N/A", "{code} has a hint to withhold");
    }
}

#[test]
fn a_code_with_v1_3_0_s_text_is_v1_3_0_s_entry_and_any_other_has_its_own() {
    let v1: HashMap<String, String> = common::spec_rows().into_iter().collect();
    let rows = common::code_rows(COMMON_DATA);
    let mut changed = Vec::new();
    for (code, text, _) in first_rows() {
        let entry = Catalog::UwsCommon2021_04_05.lookup(&code).unwrap();
        match v1.get(&code) {
            Some(v1_text) if *v1_text == text => {
                let old = ErrorCode::from_str_v1(&code);
                assert_eq!(entry.name(), old.name(), "{code}");
                assert_eq!(entry.status(), old.status(), "{code}");
                assert_eq!(entry.description(Language::En), old.description(Language::En), "{code}");
                assert!(!rows.iter().any(|r| r.code == code), "{code}: a row for a shared entry");
            }
            other => {
                if other.is_some() {
                    changed.push(code.clone());
                    assert_ne!(entry.name(), ErrorCode::from_str_v1(&code).name(), "{code}");
                } else {
                    assert!(iot_error_codes::lookup(&code).is_none(), "{code} is not V1.3.0's");
                }
                let row = rows.iter().find(|r| r.code == code).unwrap_or_else(|| panic!("{code}"));
                assert_eq!(entry.name(), row.name);
                assert_eq!(entry.status().name(), row.status);
                assert_eq!(entry.description(Language::En), row.en);
            }
        }
    }
    assert_eq!(changed, ["G20904", "G20908"]);
    assert_eq!(rows.len(), 39, "37 new codes and the two changed ones");
}

#[test]
fn names_are_unique_across_catalogs_unless_the_entry_is_shared() {
    let mut owner: HashMap<&str, (&str, &str)> = HashMap::new();
    for catalog in Catalog::ALL {
        for e in catalog.iter() {
            if let Some((code, text)) = owner.insert(e.name(), (e.code(), e.description(Language::Zh))) {
                assert_eq!((code, text), (e.code(), e.description(Language::Zh)), "{}", e.name());
            }
        }
    }
}

#[test]
fn categories_by_letter_with_m_and_y_appended() {
    assert_eq!(Category::from_number(10).map(Category::name), Some("schedule"));
    assert_eq!(Category::from_number(11).map(Category::name), Some("shadow"));
    for e in Catalog::UwsCommon2021_04_05.iter() {
        let letter = if e.code() == "20903" {
            'G'
        } else {
            e.code().chars().next().unwrap()
        };
        let want = match letter {
            'M' => 10,
            'Y' => 11,
            l => "ABCDEFGHL"
                .find(l)
                .map(|i| i as i32 + 1)
                .unwrap_or_else(|| panic!("{}", e.code())),
        };
        assert_eq!(e.category().number(), want, "{}", e.code());
    }
}

#[test]
fn each_catalog_answers_only_from_its_own_table() {
    let common: Vec<String> = first_rows().into_iter().map(|r| r.0).collect();
    for (code, _) in common::spec_rows() {
        assert!(
            common.contains(&code),
            "every V1.3.0 code is in the common table: {code}"
        );
    }
    for code in &common {
        assert_eq!(
            Catalog::UwsV1_3_0.lookup(code).is_some(),
            iot_error_codes::lookup(code).is_some()
        );
    }
    assert!(Catalog::UwsV1_3_0.lookup("Y00001").is_none());
    assert_eq!(
        Catalog::UwsCommon2021_04_05.lookup("y00001").map(|e| e.status()),
        Some(Status::FailedPrecondition)
    );
    assert_eq!(Catalog::UwsV1_3_0.iter().len(), 90);
    assert_eq!(Catalog::UwsCommon2021_04_05.iter().len(), 127);
}

/// V1.3.0's ErrorCode of a code that must be in it.
trait FromStrV1 {
    fn from_str_v1(code: &str) -> ErrorCode;
}

impl FromStrV1 for ErrorCode {
    fn from_str_v1(code: &str) -> ErrorCode {
        code.parse().unwrap_or_else(|_| panic!("{code} is V1.3.0's"))
    }
}
