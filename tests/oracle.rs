//! The library against the spec file, parsed here independently of build.rs.

use iot_error_codes_oracle as common;

use std::ffi::{CStr, CString};

use iot_error_codes::{ffi, lookup, Category, ErrorCode, Language, CATALOG_VERSION};

/// The contract's category table: by letter, in number order.
const CATEGORIES: [(char, &str); 9] = [
    ('A', "system"),
    ('B', "parameter"),
    ('C', "access"),
    ('D', "account"),
    ('E', "family"),
    ('F', "sharing"),
    ('G', "device"),
    ('H', "message"),
    ('L', "scene"),
];

fn expected_category(code: &str) -> (i32, &'static str) {
    // The spec prints 20903 without its letter; the contract makes it a device code.
    let letter = if code == "20903" {
        'G'
    } else {
        code.chars().next().unwrap()
    };
    let i = CATEGORIES
        .iter()
        .position(|(l, _)| *l == letter)
        .expect("a category letter");
    (i as i32 + 1, CATEGORIES[i].1)
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// # Safety: `p` is NULL or a NUL-terminated string.
unsafe fn text(p: *const std::ffi::c_char) -> Option<&'static str> {
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().expect("UTF-8"))
}

#[test]
fn the_spec_has_90_codes_and_the_catalog_has_them_in_order() {
    let rows = common::spec_rows();
    assert_eq!(rows.len(), 90);
    let codes: Vec<&str> = ErrorCode::iter().map(ErrorCode::code).collect();
    let spec_codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, spec_codes);
    assert_eq!(ffi::iot_error_count(), 90);
    for (i, (code, _)) in rows.iter().enumerate() {
        assert_eq!(unsafe { text(ffi::iot_error_code_at(i)) }, Some(code.as_str()));
    }
    assert!(ffi::iot_error_code_at(90).is_null());
    assert!(ffi::iot_error_code_at(usize::MAX).is_null());
}

#[test]
fn every_code_has_the_spec_text_its_category_and_a_name() {
    let mut names = std::collections::HashSet::new();
    for (code, zh) in common::spec_rows() {
        let entry = lookup(&code).unwrap_or_else(|| panic!("{code} not found"));
        assert_eq!(entry.code(), code);
        assert_eq!(entry.description(Language::Zh), zh, "{code}");
        let (number, category) = expected_category(&code);
        assert_eq!(entry.category().number(), number, "{code}");
        assert_eq!(entry.category().name(), category, "{code}");
        assert!(names.insert(entry.name()), "name {} is used twice", entry.name());
        assert!(entry
            .name()
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
        let en = entry.description(Language::En);
        assert!(
            !en.is_empty() && en.is_ascii() && en != zh,
            "{code}: English text {en:?}"
        );

        let cc = c(&code);
        unsafe {
            assert_eq!(text(ffi::iot_error_describe(cc.as_ptr())), Some(zh.as_str()));
            assert_eq!(
                text(ffi::iot_error_describe_n(cc.as_ptr(), code.len())),
                Some(zh.as_str())
            );
            assert_eq!(
                text(ffi::iot_error_describe_lang(cc.as_ptr(), c("en").as_ptr())),
                Some(en)
            );
            assert_eq!(text(ffi::iot_error_name(cc.as_ptr())), Some(entry.name()));
            assert_eq!(ffi::iot_error_category(cc.as_ptr()), number);
            assert_eq!(text(ffi::iot_error_category_name(number)), Some(category));
        }
    }
}

#[test]
fn the_letterless_code_keeps_its_spelling_and_has_an_alias() {
    let rows = common::spec_rows();
    let at = rows
        .iter()
        .position(|(c, _)| c == "20903")
        .expect("20903 is in the spec");
    assert_eq!((rows[at - 1].0.as_str(), rows[at + 1].0.as_str()), ("G20301", "G20904"));
    assert_eq!(lookup("G20903"), lookup("20903"));
    assert_eq!(lookup("g20903").map(ErrorCode::code), Some("20903"));
    assert_eq!(lookup("20903").map(ErrorCode::category), Some(Category::Device));
}

#[test]
fn catalog_version_matches_the_spec() {
    assert_eq!(
        CATALOG_VERSION, "1.3.0",
        "a pin of the spec this catalog was written for"
    );
    let spec_path = common::spec_path();
    assert!(
        spec_path.ends_with(format!("uws-error-codes-v{CATALOG_VERSION}.md")),
        "{spec_path:?}"
    );
    let spec = std::fs::read_to_string(spec_path).unwrap();
    assert!(spec.contains(&format!("V{CATALOG_VERSION}")));
    assert_eq!(unsafe { text(ffi::iot_error_catalog_version()) }, Some(CATALOG_VERSION));
    assert_eq!(
        unsafe { text(ffi::iot_error_version()) },
        Some(env!("CARGO_PKG_VERSION"))
    );
}
