//! Property tests of code lookup, through the Rust API and the C ABI, against
//! the spec (`common::spec_rows`) and the documented alias:
//! - every ASCII case variant of every code resolves to that code;
//! - nothing outside the catalog resolves, except the alias;
//! - a language tag never changes whether a code resolves.
//!
//! Inputs that are not codes are mostly near misses (one edit of a real code,
//! with look-alike characters such as the Kelvin sign or dotless i, which
//! Unicode case folding would turn into ASCII) so that they probe the edges.

use iot_error_codes_oracle as common;

use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::OnceLock;

use iot_error_codes::ffi::{iot_error_describe, iot_error_describe_lang, iot_error_describe_n};
use iot_error_codes::{lookup, lookup_bytes, ErrorCode};
use proptest::prelude::*;

/// The documented alias (header, docs/c.md): "G20903" names the spec's "20903".
const ALIAS: (&str, &str) = ("G20903", "20903");

fn codes() -> &'static [String] {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| common::spec_rows().into_iter().map(|(code, _)| code).collect())
}

/// The code or alias number `i` as a caller writes it (the alias is number `codes().len()`),
/// and the spec code it names.
fn written(i: usize) -> (&'static str, &'static str) {
    codes().get(i).map_or(ALIAS, |c| (c.as_str(), c.as_str()))
}

/// The spec code that `input` names under the contract: a code or the alias, ASCII case-insensitively.
fn oracle(input: &[u8]) -> Option<&'static str> {
    let target = if input.eq_ignore_ascii_case(ALIAS.0.as_bytes()) {
        ALIAS.1.as_bytes()
    } else {
        input
    };
    codes()
        .iter()
        .find(|c| target.eq_ignore_ascii_case(c.as_bytes()))
        .map(String::as_str)
}

/// `input` as a C caller would pass it: up to its first NUL, NUL-terminated.
fn c_string(input: &[u8]) -> CString {
    CString::new(input.split(|&b| b == 0).next().unwrap_or_default()).unwrap()
}

/// Every way of resolving `input`: the Rust API (when no NUL decides for it) and
/// the C ABI's NUL-terminated and length-given functions. Returns the NUL-terminated answer.
fn check_resolves_as(input: &[u8], expected: Option<&str>) -> Result<*const c_char, TestCaseError> {
    let as_c = c_string(input);
    let c_expected = oracle(as_c.as_bytes());
    prop_assert_eq!(
        lookup_bytes(input).map(ErrorCode::code),
        expected,
        "lookup_bytes({:?})",
        input
    );
    if let Ok(text) = std::str::from_utf8(input) {
        prop_assert_eq!(lookup(text).map(ErrorCode::code), expected, "lookup({:?})", text);
    }
    // SAFETY: `input.len()` bytes are readable; `as_c` is NUL-terminated.
    let (by_len, by_nul) = unsafe {
        (
            iot_error_describe_n(input.as_ptr().cast(), input.len()),
            iot_error_describe(as_c.as_ptr()),
        )
    };
    let want = |code: Option<&str>| {
        code.map_or(ptr::null(), |c| unsafe {
            iot_error_describe(c_string(c.as_bytes()).as_ptr())
        })
    };
    prop_assert_eq!(by_len, want(expected), "iot_error_describe_n({:?})", input);
    prop_assert_eq!(by_nul, want(c_expected), "iot_error_describe({:?})", as_c);
    Ok(by_nul)
}

/// A code or the alias with each letter's case chosen at random: (variant, the code it names).
fn case_variant() -> impl Strategy<Value = (String, &'static str)> {
    (0..=codes().len(), prop::collection::vec(any::<bool>(), 8)).prop_map(|(i, upper)| {
        let (text, code) = written(i);
        let variant = text.chars().zip(upper).map(|(c, up)| {
            if up {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        });
        (variant.collect(), code)
    })
}

/// Characters a near miss is made of: code characters and their ASCII
/// neighbours, separators, NUL, and non-ASCII look-alikes.
fn near_char() -> impl Strategy<Value = char> {
    prop_oneof![
        2 => prop::sample::select(vec![' ', '\0', '\t', '\n', '\r', '\u{7f}', '@', '[', '`', '{', '/', ':', '-', '_']),
        2 => (b' '..=b'~').prop_map(char::from),
        // dotless i and long s uppercase to ASCII I and S; the Kelvin sign lowercases to k.
        1 => prop::sample::select(vec!['ı', 'ſ', 'K', 'Ｄ', '０', 'é', 'ß', '\u{a0}', '\u{200b}']),
        1 => any::<char>(),
    ]
}

/// A string that may or may not be a code: one edit (replace, insert, delete,
/// append) of a code or the alias, a short alphanumeric string, or any string.
fn near_miss() -> impl Strategy<Value = String> {
    let edited = (0..=codes().len(), 0..8usize, near_char(), 0..4u8).prop_map(|(i, at, ch, edit)| {
        let mut chars: Vec<char> = written(i).0.chars().collect();
        let at = at % chars.len();
        match edit {
            0 => chars[at] = ch,
            1 => chars.insert(at, ch),
            2 => drop(chars.remove(at)),
            _ => chars.push(ch),
        }
        chars.into_iter().collect()
    });
    prop_oneof![4 => edited, 1 => "[A-Za-z0-9]{0,7}", 1 => any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn every_case_variant_of_every_code_resolves_to_that_code((variant, code) in case_variant()) {
        check_resolves_as(variant.as_bytes(), Some(code))?;
    }

    #[test]
    fn nothing_outside_the_catalog_resolves_except_the_alias(input in near_miss()) {
        check_resolves_as(input.as_bytes(), oracle(input.as_bytes()))?;
    }

    #[test]
    fn no_byte_string_outside_the_catalog_resolves(input in prop::collection::vec(any::<u8>(), 0..10)) {
        check_resolves_as(&input, oracle(&input))?;
    }

    #[test]
    fn a_language_tag_never_changes_whether_a_code_resolves(
        input in prop_oneof![case_variant().prop_map(|(v, _)| v), near_miss()],
        tag in prop::option::of(prop_oneof![
            prop::collection::vec(any::<u8>(), 0..12),
            "(en|EN|zh|Zh|e|z|C|POSIX|fr)([-_.@].{0,6})?".prop_map(String::into_bytes),
        ]),
    ) {
        let code = c_string(input.as_bytes());
        let tag = tag.map(|t| c_string(&t));
        let tag_ptr = tag.as_ref().map_or(ptr::null(), |t| t.as_ptr());
        let chinese = check_resolves_as(code.as_bytes(), oracle(code.as_bytes()))?;
        // SAFETY: NUL-terminated strings or NULL.
        let (text, english) =
            unsafe { (iot_error_describe_lang(code.as_ptr(), tag_ptr), iot_error_describe_lang(code.as_ptr(), c"en".as_ptr())) };
        prop_assert_eq!(text.is_null(), chinese.is_null(), "code {:?} with tag {:?}", code, tag);
        prop_assert!(text == chinese || text == english, "code {:?} with tag {:?}: neither text", code, tag);
    }
}
