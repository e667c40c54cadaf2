//! tests/vectors.txt, the test inputs every language shares, through the Rust
//! API and the C ABI (the C test program reads the same file).

use iot_error_codes_oracle as common;

use std::ffi::{c_char, CStr, CString};

use iot_error_codes::ffi;
use iot_error_codes::{lookup, lookup_bytes, Language};

fn c_str(p: *const c_char) -> Option<String> {
    // SAFETY: the library returns NULL or its own static NUL-terminated strings.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

#[test]
fn the_reader_decodes_every_escape() {
    let vectors = common::vectors();
    let find = |kind: &str, start: &[u8]| vectors.iter().any(|v| v.kind == kind && v.input.starts_with(start));
    assert!(find("miss", b"D00004\n"));
    assert!(find("miss", b"\xe2\x84\xaa00001")); // \u212a, the Kelvin sign
    assert!(find("miss", b"\xed\xa0\x80")); // a lone \ud800 as WTF-8
    assert!(find("miss", "\u{1F600}".as_bytes())); // a surrogate pair, one character
    assert!(find("bytes", b"\xff\xfe"));
    assert!(vectors
        .iter()
        .any(|v| v.input.len() == 1_000_000 && v.input.iter().all(|&b| b == b'D')));
    assert!(vectors.iter().any(|v| v.kind == "tag" && v.input.len() == 100_002));
}

#[test]
fn every_vector_through_the_rust_api_and_the_c_abi() {
    let vectors = common::vectors();
    assert!(vectors.len() > 80, "too few vectors: {}", vectors.len());
    let d00004 = lookup("D00004").unwrap();
    for v in &vectors {
        let at = &v.at;
        let text = std::str::from_utf8(&v.input).ok();
        // SAFETY: the pointer and length describe `v.input`.
        let by_n = c_str(unsafe { ffi::iot_error_name_n(v.input.as_ptr().cast(), v.input.len()) });
        let by_c = CString::new(v.input.clone())
            .ok()
            .map(|c| c_str(unsafe { ffi::iot_error_name(c.as_ptr()) }));
        match v.kind.as_str() {
            "hit" => {
                let want = lookup(&v.expect)
                    .filter(|c| c.code() == v.expect)
                    .unwrap_or_else(|| panic!("{at}: {} is no code", v.expect));
                assert_eq!(lookup_bytes(&v.input), Some(want), "{at}");
                assert_eq!(text.and_then(lookup), Some(want), "{at}");
                assert_eq!(by_n.as_deref(), Some(want.name()), "{at}: iot_error_name_n");
                assert_eq!(by_c.flatten().as_deref(), Some(want.name()), "{at}: iot_error_name");
            }
            "miss" | "bytes" => {
                assert_eq!(lookup_bytes(&v.input), None, "{at}");
                assert_eq!(by_n, None, "{at}: iot_error_name_n");
                if let Some(by_c) = by_c {
                    assert_eq!(by_c, None, "{at}: iot_error_name");
                }
                if let Some(text) = text {
                    assert!(text.parse::<iot_error_codes::ErrorCode>().is_err(), "{at}");
                }
            }
            "tag" | "notag" => {
                let want = if v.kind == "tag" {
                    Language::from_tag(&v.expect).unwrap()
                } else {
                    Language::Zh
                };
                let rust = Language::from_tag_bytes(&v.input);
                assert_eq!(rust.unwrap_or_default(), want, "{at}: Language::from_tag_bytes");
                assert_eq!(rust.is_some(), v.kind == "tag", "{at}: a tag that selects no language");
                // A C string ends at its first NUL: only tags without one go through the C ABI.
                if let Ok(tag) = CString::new(v.input.clone()) {
                    // SAFETY: a NUL-terminated tag; the results are static strings.
                    let (lang, text) = unsafe {
                        (
                            ffi::iot_error_language(tag.as_ptr()),
                            ffi::iot_error_describe_lang(c"D00004".as_ptr(), tag.as_ptr()),
                        )
                    };
                    assert_eq!(c_str(lang).as_deref(), Some(want.tag()), "{at}: iot_error_language");
                    assert_eq!(
                        c_str(text).as_deref(),
                        Some(d00004.description(want)),
                        "{at}: iot_error_describe_lang"
                    );
                }
            }
            other => panic!("{at}: unknown kind {other}"),
        }
    }
}
