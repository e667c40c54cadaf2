//! The unit tests of the C ABI: every function with every code, against the
//! Rust API, and with hostile input in allocations of exactly the bytes the
//! contract lets it read. They also run under Miri (`checks/tests/miri.rs`).

use super::*;
use crate::lookup::lookup_bytes;
use crate::test_support::spellings;
use core::ffi::CStr;
use core::ptr::null;

fn s(p: *const c_char) -> Option<&'static str> {
    // SAFETY: the library returns NULL or its own static NUL-terminated strings.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap())
}

#[test]
fn lang_selects_the_text_and_falls_back_to_chinese() {
    let zh = "Token已过期，未通过token验证。";
    let en = "Token has expired; token verification failed";
    unsafe {
        for (lang, want) in [
            (c"en".as_ptr(), en),
            (c"EN_us.utf8".as_ptr(), en),
            (c"zh-CN".as_ptr(), zh),
            (null(), zh),
            (c"".as_ptr(), zh),
            (c"de".as_ptr(), zh),
        ] {
            assert_eq!(s(iot_error_describe_lang(c"D00004".as_ptr(), lang)), Some(want));
        }
        assert_eq!(s(iot_error_describe_lang(c"D00014".as_ptr(), c"en".as_ptr())), None);
    }
}

#[test]
fn null_and_bad_input_give_null() {
    unsafe {
        assert!(iot_error_describe(null()).is_null());
        assert!(iot_error_describe_n(null(), 0).is_null());
        assert!(iot_error_describe_n(null(), 100).is_null());
        assert!(iot_error_describe_n(c"D00004".as_ptr(), usize::MAX).is_null());
        assert!(iot_error_describe(c"\xff\xfe".as_ptr()).is_null());
        assert!(iot_error_name(c"D000044".as_ptr()).is_null());
        assert_eq!(iot_error_category(null()), 0);
        assert_eq!(iot_error_is_success(null()), 0);
        assert_eq!(iot_error_is_success(c"00000".as_ptr()), 1);
        assert!(iot_error_category_name(0).is_null());
        assert!(iot_error_category_name(c_int::MAX).is_null());
    }
}

#[test]
fn reads_are_bounded() {
    // Exactly MAX_CODE_LEN + 1 readable bytes and no NUL: rejected without reading past them.
    let unterminated = [b'D'; MAX_CODE_LEN + 1];
    // SAFETY: the function reads at most MAX_CODE_LEN + 1 bytes.
    assert!(unsafe { iot_error_describe(unterminated.as_ptr().cast()) }.is_null());
    let exact = *b"D00004";
    // SAFETY: exactly `len` bytes are read.
    assert_eq!(
        s(unsafe { iot_error_name_n(exact.as_ptr().cast(), exact.len()) }),
        Some("TOKEN_EXPIRED")
    );
    let lang = *b"enx";
    // SAFETY: at most Language::TAG_PREFIX_LEN (3) bytes of lang are read.
    assert!(!unsafe { iot_error_describe_lang(c"D00004".as_ptr(), lang.as_ptr().cast()) }.is_null());
}

// The tests below call every function with every code and with hostile
// input, each in an allocation of exactly the bytes the contract lets the
// function read. They also run under Miri (`checks/tests/miri.rs`), which reports
// a read of one byte past an allocation, a use of a dangling pointer, and
// a returned pointer that is not a live NUL-terminated string.

use crate::Category;

/// `bytes` in a heap allocation of exactly `bytes.len()` bytes: a read of
/// one more is out of bounds, which Miri reports.
fn exact(bytes: &[u8]) -> Box<[u8]> {
    Box::from(bytes)
}

/// `bytes` and a NUL in an allocation of exactly `bytes.len() + 1` bytes.
fn c_string(bytes: &[u8]) -> Box<[u8]> {
    let mut v = Vec::with_capacity(bytes.len() + 1);
    v.extend_from_slice(bytes);
    v.push(0);
    v.into_boxed_slice()
}

fn ptr(bytes: &[u8]) -> *const c_char {
    bytes.as_ptr().cast()
}

/// Asserts that `p` is exactly the static string `want` (with its NUL) of
/// the Rust API: the same bytes and the same address, so C gets the
/// strings Rust sees, never a copy.
fn same(p: *const c_char, want: Option<&'static str>, what: &str) {
    assert_eq!(
        s(p),
        want.map(|w| w.strip_suffix('\0').expect("a string with its NUL")),
        "{what}"
    );
    if let Some(want) = want {
        assert_eq!(p.cast::<u8>(), want.as_ptr(), "{what}: not the catalog's own string");
    }
}

/// Every code (and the alias) in every spelling through every function
/// that takes a code, NUL-terminated and by length, against the Rust API.
#[test]
fn every_code_through_every_function_agrees_with_the_rust_api() {
    let inputs = ErrorCode::iter()
        .flat_map(|c| spellings(c.code()).map(|s| (s, c)))
        .chain(spellings("G20903").map(|s| (s, ErrorCode::MasterDataError)));
    let mut seen = 0;
    for (input, code) in inputs {
        seen += 1;
        let zh = code.description_with_nul(Language::Zh);
        let en = code.description_with_nul(Language::En);
        let terminated = c_string(input.as_bytes());
        let exact_len = exact(input.as_bytes());
        let (c, n, len) = (ptr(&terminated), ptr(&exact_len), exact_len.len());
        // SAFETY: `c` is NUL-terminated; `len` bytes at `n` are readable;
        // the language tags are NUL-terminated literals or NULL.
        unsafe {
            same(iot_error_describe(c), Some(zh), &input);
            same(iot_error_describe_n(n, len), Some(zh), &input);
            same(iot_error_name(c), Some(code.name_with_nul()), &input);
            same(iot_error_name_n(n, len), Some(code.name_with_nul()), &input);
            assert_eq!(iot_error_category(c), code.category().number(), "{input}");
            assert_eq!(iot_error_category_n(n, len), code.category().number(), "{input}");
            for (lang, want) in [
                (c"en".as_ptr(), en),
                (c"en-US".as_ptr(), en),
                (c"zh".as_ptr(), zh),
                (c"fr".as_ptr(), zh),
                (null(), zh),
            ] {
                same(iot_error_describe_lang(c, lang), Some(want), &input);
            }
            assert_eq!(iot_error_is_success(c), 0, "{input}");
            // Every shorter prefix, by length: only what the Rust API finds
            // (under Miri, for the code as printed: the spellings share the path).
            let prefixes = if cfg!(miri) && input.as_str() != code.code() {
                0
            } else {
                len
            };
            for short in 0..prefixes {
                let want = lookup_bytes(&input.as_bytes()[..short]);
                same(
                    iot_error_describe_n(n, short),
                    want.map(|c| c.description_with_nul(Language::Zh)),
                    &input,
                );
            }
        }
    }
    assert_eq!(seen, 3 * (ErrorCode::ALL.len() + 1));
}

/// Enumeration, categories and versions agree with the Rust API.
#[test]
fn enumeration_categories_and_versions_agree_with_the_rust_api() {
    assert_eq!(iot_error_count(), ErrorCode::ALL.len());
    for (i, code) in ErrorCode::iter().enumerate() {
        same(iot_error_code_at(i), Some(code.code_with_nul()), "iot_error_code_at");
        // The enumerated string is itself a valid argument.
        // SAFETY: a static NUL-terminated string of the library.
        same(
            unsafe { iot_error_name(iot_error_code_at(i)) },
            Some(code.name_with_nul()),
            code.code(),
        );
    }
    for index in [ErrorCode::ALL.len(), ErrorCode::ALL.len() + 1, usize::MAX] {
        assert!(iot_error_code_at(index).is_null(), "{index}");
    }
    for category in Category::ALL {
        same(
            iot_error_category_name(category.number()),
            Some(category.name_with_nul()),
            category.name(),
        );
    }
    let numbers = Category::ALL.len() as c_int;
    for number in [c_int::MIN, -1, 0, numbers + 1, numbers + 2, c_int::MAX] {
        assert!(iot_error_category_name(number).is_null(), "{number}");
    }
    same(iot_error_catalog_version(), Some(CATALOG_VERSION_C), "catalog version");
    same(iot_error_version(), Some(VERSION_C), "version");
    assert_eq!(s(iot_error_version()), Some(crate::VERSION));
}

/// An unterminated buffer of exactly IOT_ERROR_CODE_MAX_LEN + 1 bytes
/// whose first bytes are a valid code, for every code and every function
/// that takes a NUL-terminated code: no match, and no read past the
/// buffer (Miri would report it).
#[test]
fn unterminated_buffers_of_max_len_plus_one_are_rejected_in_bounds() {
    for code in ErrorCode::iter().map(ErrorCode::code).chain(["G20903", "00000"]) {
        for fill in [b'X', b'0', b'\xff'] {
            let mut bytes = [fill; MAX_CODE_LEN + 1];
            bytes[..code.len()].copy_from_slice(code.as_bytes());
            let buffer = exact(&bytes);
            let p = ptr(&buffer);
            // SAFETY: the contract allows an unterminated buffer of MAX_CODE_LEN + 1 bytes.
            unsafe {
                assert!(iot_error_describe(p).is_null(), "{code}");
                assert!(iot_error_describe_lang(p, c"en".as_ptr()).is_null(), "{code}");
                assert!(iot_error_name(p).is_null(), "{code}");
                assert_eq!(iot_error_category(p), 0, "{code}");
                assert_eq!(iot_error_is_success(p), 0, "{code}");
                assert_eq!(iot_error_status(p), -1, "{code}");
                assert_eq!(iot_error_http_status(p), 0, "{code}");
                assert_eq!(iot_error_is_retryable(p), 0, "{code}");
            }
        }
    }
    // iot_error_is_success reads at most 6 bytes: "00000" and a 6th byte.
    for bytes in [&b"000000"[..], b"00000X"] {
        let buffer = exact(bytes);
        // SAFETY: 6 readable bytes, as the contract requires without a NUL.
        assert_eq!(unsafe { iot_error_is_success(ptr(&buffer)) }, 0);
    }
    for (bytes, want) in [(&b"00000"[..], 1), (b"0000", 0), (b"", 0), (b"00000 ", 0)] {
        let buffer = c_string(bytes);
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { iot_error_is_success(ptr(&buffer)) }, want, "{bytes:?}");
    }
}

/// The `_n` functions read exactly `len` bytes: a buffer of exactly `len`
/// bytes, a code followed by more bytes, embedded NULs, and `len` 0 at a
/// dangling (non-NULL) pointer.
#[test]
fn n_functions_read_exactly_len_bytes() {
    for code in ErrorCode::iter() {
        // The code, then bytes that must not be read or matched.
        let mut longer = code.code().as_bytes().to_vec();
        longer.extend_from_slice(b"\0junk");
        let len = code.code().len();
        // SAFETY: `len` bytes are readable.
        unsafe {
            same(
                iot_error_name_n(ptr(&longer), len),
                Some(code.name_with_nul()),
                code.code(),
            );
            assert!(
                iot_error_name_n(ptr(&longer), len + 1).is_null(),
                "embedded NUL: {}",
                code.code()
            );
            assert!(
                iot_error_describe_n(ptr(&longer), longer.len()).is_null(),
                "{}",
                code.code()
            );
            let status = code.status();
            assert_eq!(
                iot_error_status_n(ptr(&longer), len),
                status.number(),
                "{}",
                code.code()
            );
            assert_eq!(iot_error_status_n(ptr(&longer), len + 1), -1, "{}", code.code());
            assert_eq!(
                iot_error_http_status_n(ptr(&longer), len),
                c_int::from(status.http_status()),
                "{}",
                code.code()
            );
            assert_eq!(
                iot_error_is_retryable_n(ptr(&longer), len),
                c_int::from(status.is_retryable()),
                "{}",
                code.code()
            );
        }
    }
    // Longer than any code: nothing is read at all, so a short buffer is safe.
    let one = exact(b"D");
    for len in [MAX_CODE_LEN + 1, 4096, usize::MAX] {
        // SAFETY: a length past IOT_ERROR_CODE_MAX_LEN reads nothing.
        unsafe {
            assert!(iot_error_describe_n(ptr(&one), len).is_null());
            assert!(iot_error_name_n(ptr(&one), len).is_null());
            assert_eq!(iot_error_category_n(ptr(&one), len), 0);
            assert_eq!(iot_error_status_n(ptr(&one), len), -1);
            assert_eq!(iot_error_http_status_n(ptr(&one), len), 0);
            assert_eq!(iot_error_is_retryable_n(ptr(&one), len), 0);
        }
    }
    let dangling = core::ptr::NonNull::<c_char>::dangling().as_ptr();
    // SAFETY: zero bytes are read.
    unsafe {
        assert!(iot_error_describe_n(dangling, 0).is_null());
        assert!(iot_error_name_n(dangling, 0).is_null());
        assert_eq!(iot_error_category_n(dangling, 0), 0);
        assert_eq!(iot_error_status_n(dangling, 0), -1);
        assert_eq!(iot_error_http_status_n(dangling, 0), 0);
        assert_eq!(iot_error_is_retryable_n(dangling, 0), 0);
    }
}

/// NULL for every pointer argument of every function.
#[test]
fn null_for_every_pointer_argument() {
    // SAFETY: NULL is allowed for every pointer argument.
    unsafe {
        assert!(iot_error_describe(null()).is_null());
        assert!(iot_error_name(null()).is_null());
        assert_eq!(iot_error_category(null()), 0);
        assert_eq!(iot_error_is_success(null()), 0);
        for len in [0, 1, 6, MAX_CODE_LEN, MAX_CODE_LEN + 1, usize::MAX] {
            assert!(iot_error_describe_n(null(), len).is_null(), "{len}");
            assert!(iot_error_name_n(null(), len).is_null(), "{len}");
            assert_eq!(iot_error_category_n(null(), len), 0, "{len}");
        }
        assert!(iot_error_describe_lang(null(), null()).is_null());
        assert!(iot_error_describe_lang(null(), c"en".as_ptr()).is_null());
        same(
            iot_error_describe_lang(c"D00004".as_ptr(), null()),
            Some(ErrorCode::TokenExpired.description_with_nul(Language::Zh)),
            "NULL lang",
        );
        same(iot_error_language(null()), Some("zh\0"), "NULL lang");
    }
}

/// iot_error_language against Language::from_tag_bytes, with tags that
/// are NUL-terminated and with unterminated ones of exactly 3 bytes
/// (IOT_ERROR_LANGUAGE_TAG_PREFIX_LEN), the most it may read.
#[test]
fn language_follows_the_rust_rule_and_reads_at_most_three_bytes() {
    let tags: [&[u8]; 16] = [
        b"en",
        b"EN",
        b"eN",
        b"en-US",
        b"en_GB.UTF-8",
        b"en@euro",
        b"zh",
        b"zh-CN",
        b"zh_Hans",
        b"",
        b"C",
        b"POSIX",
        b"de",
        b"enx",
        b"e",
        b"\xff\xfe",
    ];
    for tag in tags {
        let want = Language::from_tag_bytes(tag).unwrap_or_default().tag_with_nul();
        let terminated = c_string(tag);
        // SAFETY: NUL-terminated.
        same(
            unsafe { iot_error_language(ptr(&terminated)) },
            Some(want),
            &format!("{tag:?}"),
        );
        if tag.len() >= Language::TAG_PREFIX_LEN {
            let prefix = exact(&tag[..Language::TAG_PREFIX_LEN]);
            // SAFETY: TAG_PREFIX_LEN bytes are readable; the contract needs no more.
            unsafe {
                same(
                    iot_error_language(ptr(&prefix)),
                    Some(want),
                    &format!("{tag:?} unterminated"),
                );
                let text = iot_error_describe_lang(c"D00004".as_ptr(), ptr(&prefix));
                same(
                    text,
                    Some(
                        ErrorCode::TokenExpired.description_with_nul(Language::from_tag_bytes(tag).unwrap_or_default()),
                    ),
                    &format!("{tag:?} unterminated"),
                );
            }
        }
    }
    // Every language's own tag selects it.
    for lang in Language::ALL {
        let tag = c_string(lang.tag().as_bytes());
        // SAFETY: NUL-terminated.
        same(
            unsafe { iot_error_language(ptr(&tag)) },
            Some(lang.tag_with_nul()),
            lang.tag(),
        );
    }
}

/// The catalog functions (src/ffi/catalogs.rs) against the Rust API.
mod catalogs {
    use super::*;
    use crate::catalogs::Catalog;

    #[test]
    fn ids_list_every_catalog_the_default_first() {
        for (i, c) in Catalog::ALL.into_iter().enumerate() {
            assert_eq!(s(iot_error_catalog(i)), Some(c.id()));
            let id = std::ffi::CString::new(c.id()).unwrap();
            assert_eq!(unsafe { s(iot_error_catalog_source(id.as_ptr())) }, Some(c.source()));
        }
        assert_eq!(s(iot_error_catalog(0)), Some("uws-v1.3.0"));
        assert_eq!(s(iot_error_catalog(Catalog::ALL.len())), None);
        assert_eq!(s(iot_error_catalog(usize::MAX)), None);
        unsafe {
            assert!(iot_error_catalog_source(null()).is_null());
            assert!(iot_error_catalog_source(c"UWS-V1.3.0".as_ptr()).is_null());
        }
    }

    #[test]
    fn every_entry_of_every_catalog_through_every_accessor() {
        for c in Catalog::ALL {
            let id = std::ffi::CString::new(c.id()).unwrap();
            for (i, e) in c.iter().enumerate() {
                let at = unsafe { iot_error_entry_at(id.as_ptr(), i) };
                for spelling in spellings(e.code()) {
                    let code = std::ffi::CString::new(spelling).unwrap();
                    assert_eq!(unsafe { iot_error_entry(id.as_ptr(), code.as_ptr()) }, at);
                }
                assert_eq!(s(iot_error_entry_code(at)), Some(e.code()));
                assert_eq!(s(iot_error_entry_name(at)), Some(e.name()));
                assert_eq!(iot_error_entry_category(at), e.category().number());
                assert_eq!(iot_error_entry_status(at), e.status().number());
                assert_eq!(iot_error_entry_http_status(at), i32::from(e.http_status()));
                assert_eq!(iot_error_entry_is_retryable(at), i32::from(e.is_retryable()));
                for (lang, l) in [(c"zh".as_ptr(), Language::Zh), (c"en-US".as_ptr(), Language::En)] {
                    assert_eq!(unsafe { s(iot_error_entry_describe(at, lang)) }, Some(e.description(l)));
                    assert_eq!(unsafe { s(iot_error_entry_hint(at, lang)) }, e.hint(l));
                }
            }
            assert!(unsafe { iot_error_entry_at(id.as_ptr(), c.iter().len()) }.is_null());
        }
    }

    #[test]
    fn the_default_catalog_answers_as_the_functions_without_one() {
        for code in ErrorCode::iter() {
            let c_code = std::ffi::CString::new(code.code()).unwrap();
            unsafe {
                let e = iot_error_entry(c"uws-v1.3.0".as_ptr(), c_code.as_ptr());
                assert_eq!(iot_error_entry_name(e), iot_error_name(c_code.as_ptr()));
                assert_eq!(iot_error_entry_describe(e, null()), iot_error_describe(c_code.as_ptr()));
                assert_eq!(iot_error_entry_status(e), iot_error_status(c_code.as_ptr()));
                assert_eq!(iot_error_entry_category(e), iot_error_category(c_code.as_ptr()));
                assert_eq!(iot_error_entry_http_status(e), iot_error_http_status(c_code.as_ptr()));
                assert_eq!(iot_error_entry_is_retryable(e), iot_error_is_retryable(c_code.as_ptr()));
                assert!(iot_error_entry_hint(e, c"zh".as_ptr()).is_null());
            }
        }
    }

    #[test]
    fn null_unknown_and_foreign_input_give_null() {
        let common = c"uws-common-2021-04-05".as_ptr();
        unsafe {
            assert!(iot_error_entry(null(), c"D00004".as_ptr()).is_null());
            assert!(iot_error_entry(common, null()).is_null());
            assert!(iot_error_entry(c"uws-common".as_ptr(), c"D00004".as_ptr()).is_null());
            assert!(iot_error_entry(c"uws-v1.3.0".as_ptr(), c"Y00001".as_ptr()).is_null());
            assert!(iot_error_entry(common, c"D00014".as_ptr()).is_null());
            assert!(iot_error_entry(common, c"00000".as_ptr()).is_null());
            assert!(iot_error_entry_at(null(), 0).is_null());
            // An id longer than any is read to 64 bytes only: exactly that many here.
            let long = [b'u'; 64];
            assert!(iot_error_entry(long.as_ptr().cast(), c"D00004".as_ptr()).is_null());
            // A code is read to IOT_ERROR_CODE_MAX_LEN + 1 bytes only.
            let code = [b'D'; crate::MAX_CODE_LEN + 1];
            assert!(iot_error_entry(common, code.as_ptr().cast()).is_null());
        }
        let real = unsafe { iot_error_entry(common, c"Y00001".as_ptr()) };
        let stray = real.cast::<u8>().wrapping_add(1).cast::<IotErrorEntry>();
        let local = 0u64;
        for foreign in [null(), stray, (&local as *const u64).cast()] {
            assert!(iot_error_entry_code(foreign).is_null());
            assert!(iot_error_entry_name(foreign).is_null());
            assert_eq!(iot_error_entry_category(foreign), 0);
            assert_eq!(iot_error_entry_status(foreign), -1);
            assert_eq!(iot_error_entry_http_status(foreign), 0);
            assert_eq!(iot_error_entry_is_retryable(foreign), 0);
            unsafe {
                assert!(iot_error_entry_describe(foreign, null()).is_null());
                assert!(iot_error_entry_hint(foreign, null()).is_null());
            }
        }
    }

    #[test]
    fn the_common_catalog_has_its_own_g20904_with_its_hint() {
        unsafe {
            let e = iot_error_entry(c"uws-common-2021-04-05".as_ptr(), c"g20904".as_ptr());
            assert_eq!(s(iot_error_entry_name(e)), Some("BINDING_LIMIT_EXCEEDED"));
            assert_eq!(s(iot_error_entry_describe(e, c"zh".as_ptr())), Some("已超过绑定数量"));
            assert_eq!(
                s(iot_error_entry_hint(e, c"zh".as_ptr())),
                Some("一个用户只能最多绑定300个设备")
            );
            assert_eq!(
                s(iot_error_entry_hint(e, c"en".as_ptr())),
                Some("A user can bind at most 300 devices")
            );
            assert_eq!(s(iot_error_name(c"G20904".as_ptr())), Some("DEVICE_ALREADY_BOUND"));
        }
    }
}
