//! The C ABI: pointers in, static strings out. The only module that knows C.
//!
//! Compiled with the `capi` feature, which only the C library's package
//! (`capi/`) turns on: the plain crate exports no symbols. Every function here
//! is declared in `include/iot_error_codes.h`, which `cargo xtask generate`
//! makes with cbindgen from these signatures and doc comments. The rules that
//! hold for all of them are in the header's introduction (`cbindgen.toml`).

use core::ffi::{c_char, c_int};
use core::slice;

use crate::catalog::{Category, ErrorCode, CATALOG_VERSION_C, MAX_CODE_LEN};
use crate::language::Language;
use crate::lookup::{lookup_bytes, lookup_word, SUCCESS};
use crate::panic::ffi_boundary;
use crate::status::Status;
use crate::version::VERSION_C;

/// The bytes of the NUL-terminated string at `ptr` if it is at most `max`
/// bytes long. Reads at most `max + 1` bytes; `None` for NULL or longer input.
///
/// # Safety
/// `ptr` is NULL, or readable up to its NUL or `max + 1` bytes, whichever is first.
#[inline]
unsafe fn bounded_c_str<'a>(ptr: *const c_char, max: usize) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return None;
    }
    let bytes = ptr.cast::<u8>();
    for len in 0..=max {
        // SAFETY: the caller guarantees bytes up to the NUL are readable, and
        // the loop stops at the first NUL.
        if unsafe { *bytes.add(len) } == 0 {
            // SAFETY: the `len` bytes before the NUL were just read.
            return Some(unsafe { slice::from_raw_parts(bytes, len) });
        }
    }
    None
}

/// The first `max` bytes of the NUL-terminated string at `ptr`, or all of it
/// if shorter. Reads at most `max` bytes; empty for NULL.
///
/// # Safety
/// As for [`bounded_c_str`].
#[inline]
unsafe fn c_str_prefix<'a>(ptr: *const c_char, max: usize) -> &'a [u8] {
    if ptr.is_null() {
        return &[];
    }
    let bytes = ptr.cast::<u8>();
    let mut len = 0;
    // SAFETY: reads stop at the first NUL or after `max` bytes.
    while len < max && unsafe { *bytes.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: the `len` bytes were just read.
    unsafe { slice::from_raw_parts(bytes, len) }
}

/// The code named by a NUL-terminated string, reading at most one byte past
/// the longest code. The bytes go straight into the lookup word: one pass, no slice.
///
/// # Safety
/// As for [`bounded_c_str`].
#[inline(always)]
unsafe fn code_from_c(code: *const c_char) -> Option<ErrorCode> {
    if code.is_null() {
        return None;
    }
    let bytes = code.cast::<u8>();
    let mut word = 0u64;
    for len in 0..MAX_CODE_LEN + 1 {
        // SAFETY: the caller guarantees bytes up to the NUL are readable, and
        // the loop stops at the first NUL.
        let byte = unsafe { *bytes.add(len) };
        if byte == 0 {
            return lookup_word(word, len);
        }
        word |= u64::from(byte) << (8 * len);
    }
    None // longer than any code
}

/// The `len` bytes at `code`, if that could be a code: `None` for NULL or
/// more than [`MAX_CODE_LEN`] bytes, of which none are read then.
///
/// # Safety
/// `code` is NULL, or `len` bytes at it are readable.
#[inline]
unsafe fn code_bytes_n<'a>(code: *const c_char, len: usize) -> Option<&'a [u8]> {
    if code.is_null() || len > MAX_CODE_LEN {
        return None;
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    Some(unsafe { slice::from_raw_parts(code.cast::<u8>(), len) })
}

/// The code named by `len` bytes at `code`; only those bytes are read.
///
/// # Safety
/// As for [`code_bytes_n`].
#[inline]
unsafe fn code_from_n(code: *const c_char, len: usize) -> Option<ErrorCode> {
    // SAFETY: forwarded from the caller.
    unsafe { code_bytes_n(code, len) }.and_then(lookup_bytes)
}

/// The language that the tag at `lang` selects, the default for NULL or none.
///
/// # Safety
/// `lang` is NULL or readable up to its NUL or [`Language::TAG_PREFIX_LEN`] bytes.
#[inline]
unsafe fn language(lang: *const c_char) -> Language {
    // SAFETY: forwarded from the caller.
    let tag = unsafe { c_str_prefix(lang, Language::TAG_PREFIX_LEN) };
    Language::from_tag_bytes(tag).unwrap_or_default()
}

fn c_ptr(s: &'static str) -> *const c_char {
    s.as_ptr().cast()
}

fn text(code: Option<ErrorCode>, lang: Language) -> *const c_char {
    code.map_or(core::ptr::null(), |c| c_ptr(c.description_with_nul(lang)))
}

fn name(code: Option<ErrorCode>) -> *const c_char {
    code.map_or(core::ptr::null(), |c| c_ptr(c.name_with_nul()))
}

fn category(code: Option<ErrorCode>) -> c_int {
    code.map_or(0, |c| c.category().number())
}

/// The spec's own description (Simplified Chinese) of a retCode.
///
/// `code` is matched exactly or ASCII case-insensitively ("d00004" finds
/// "D00004"), and "G20903" finds "20903". At most IOT_ERROR_CODE_MAX_LEN + 1
/// bytes of `code` are read, so an unterminated or very long string is safe.
///
/// Returns a static string (never free it), or NULL when `code` is NULL or not
/// in the catalog.
///
/// # Safety
/// `code` is NULL or points to a string readable up to its NUL or
/// IOT_ERROR_CODE_MAX_LEN + 1 bytes, whichever comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_describe(code: *const c_char) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), { text(unsafe { code_from_c(code) }, Language::Zh) })
}

/// iot_error_describe() for a code given as `len` bytes that need no NUL
/// (a field of a network buffer, say). Exactly `len` bytes are read, none if
/// `len` exceeds IOT_ERROR_CODE_MAX_LEN. An embedded NUL never matches.
///
/// Returns a static string (never free it), or NULL when `code` is NULL (any
/// `len`, including 0) or not in the catalog.
///
/// # Safety
/// `code` is NULL, or `len` bytes at `code` are readable.
#[no_mangle]
pub unsafe extern "C" fn iot_error_describe_n(code: *const c_char, len: usize) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), {
        text(unsafe { code_from_n(code, len) }, Language::Zh)
    })
}

/// The description of a retCode in the language of `lang`.
///
/// `lang` is matched by its primary language subtag, ASCII case-insensitively:
/// "en", "EN", "en-US" and "en_GB.UTF-8" give English; "zh", "zh-CN" and
/// "zh_Hans" give the spec's Chinese. NULL, "", "C", "POSIX" and languages
/// without texts give Chinese. At most 3 bytes of `lang` are read.
///
/// Returns a static string (never free it), or NULL when `code` is NULL or not
/// in the catalog, whatever `lang` is.
///
/// # Safety
/// `code` as for iot_error_describe(); `lang` is NULL or a string readable up
/// to its NUL or 3 bytes, whichever comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_describe_lang(code: *const c_char, lang: *const c_char) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), {
        text(unsafe { code_from_c(code) }, unsafe { language(lang) })
    })
}

/// The symbolic name of a retCode, e.g. "TOKEN_EXPIRED" for "D00004": an
/// UPPER_SNAKE_CASE identifier, unique in the catalog and stable across
/// releases. Its macro `IOT_ERROR_<name>` expands to the code.
///
/// Returns a static string (never free it), or NULL when `code` is NULL or not
/// in the catalog.
///
/// # Safety
/// As for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_name(code: *const c_char) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), { name(unsafe { code_from_c(code) }) })
}

/// iot_error_name() for a code given as `len` bytes; exactly `len` bytes are read.
///
/// Returns a static string (never free it), or NULL when `code` is NULL or not
/// in the catalog.
///
/// # Safety
/// As for iot_error_describe_n().
#[no_mangle]
pub unsafe extern "C" fn iot_error_name_n(code: *const c_char, len: usize) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), { name(unsafe { code_from_n(code, len) }) })
}

/// The category of a retCode, one of the IOT_ERROR_CATEGORY_* values, by the
/// code's letter ("20903" is IOT_ERROR_CATEGORY_DEVICE).
///
/// Returns IOT_ERROR_CATEGORY_UNKNOWN (0) when `code` is NULL or not in the
/// catalog.
///
/// # Safety
/// As for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_category(code: *const c_char) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { category(unsafe { code_from_c(code) }) })
}

/// iot_error_category() for a code given as `len` bytes; exactly `len` bytes are read.
///
/// Returns IOT_ERROR_CATEGORY_UNKNOWN (0) when `code` is NULL or not in the
/// catalog.
///
/// # Safety
/// As for iot_error_describe_n().
#[no_mangle]
pub unsafe extern "C" fn iot_error_category_n(code: *const c_char, len: usize) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { category(unsafe { code_from_n(code, len) }) })
}

/// The name of a category, e.g. "account" for IOT_ERROR_CATEGORY_ACCOUNT.
///
/// Returns a static string (never free it), or NULL for
/// IOT_ERROR_CATEGORY_UNKNOWN and any other value that is not a category.
#[no_mangle]
pub extern "C" fn iot_error_category_name(category: c_int) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        Category::from_number(category).map_or(core::ptr::null(), |c| c_ptr(c.name_with_nul()))
    })
}

/// The number of codes in the catalog (90 for spec V1.3.0). Aliases are not counted.
#[no_mangle]
pub extern "C" fn iot_error_count() -> usize {
    ffi_boundary!(0, { ErrorCode::ALL.len() })
}

/// The code at `index` in the spec's order, for enumerating the catalog with
/// iot_error_count().
///
/// Returns a static string (never free it), or NULL when `index` is not less
/// than iot_error_count().
#[no_mangle]
pub extern "C" fn iot_error_code_at(index: usize) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        ErrorCode::at(index).map_or(core::ptr::null(), |c| c_ptr(c.code_with_nul()))
    })
}

/// The version of the platform spec the catalog comes from, "1.3.0";
/// the same as the IOT_ERROR_CATALOG_VERSION macro.
///
/// Returns a static string (never free it); never NULL.
#[no_mangle]
pub extern "C" fn iot_error_catalog_version() -> *const c_char {
    ffi_boundary!(core::ptr::null(), { c_ptr(CATALOG_VERSION_C) })
}

/// The version of this library, as in its Cargo.toml ("MAJOR.MINOR.PATCH").
/// Compare with IOT_ERROR_VERSION_STRING to detect a header/library mismatch.
///
/// Returns a static string (never free it); never NULL.
#[no_mangle]
pub extern "C" fn iot_error_version() -> *const c_char {
    ffi_boundary!(core::ptr::null(), { c_ptr(VERSION_C) })
}

/// The canonical status of a retCode (and of the success code), for the
/// status functions: reads at most IOT_ERROR_CODE_MAX_LEN + 1 bytes.
///
/// # Safety
/// As for [`bounded_c_str`].
#[inline]
unsafe fn status_from_c(code: *const c_char) -> Option<Status> {
    // SAFETY: forwarded from the caller.
    unsafe { bounded_c_str(code, MAX_CODE_LEN) }.and_then(Status::of_bytes)
}

/// [`status_from_c`] for `len` bytes at `code`; only those bytes are read.
///
/// # Safety
/// As for [`code_bytes_n`].
#[inline]
unsafe fn status_from_n(code: *const c_char, len: usize) -> Option<Status> {
    // SAFETY: forwarded from the caller.
    unsafe { code_bytes_n(code, len) }.and_then(Status::of_bytes)
}

fn status_number(status: Option<Status>) -> c_int {
    status.map_or(-1, Status::number)
}

fn http_status(status: Option<Status>) -> c_int {
    status.map_or(0, |s| c_int::from(s.http_status()))
}

fn retryable(status: Option<Status>) -> c_int {
    c_int::from(status.is_some_and(Status::is_retryable))
}

/// The canonical status of a retCode: one of the IOT_ERROR_STATUS_* values
/// (gRPC's numbers), IOT_ERROR_STATUS_OK (0) for the success code "00000".
/// `code` is matched as by iot_error_describe().
///
/// Returns -1 when `code` is NULL or neither "00000" nor a code of the catalog.
///
/// # Safety
/// As for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_status(code: *const c_char) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(-1, { status_number(unsafe { status_from_c(code) }) })
}

/// iot_error_status() for a code given as `len` bytes; exactly `len` bytes are read.
///
/// Returns -1 when `code` is NULL or neither "00000" nor a code of the catalog.
///
/// # Safety
/// As for iot_error_describe_n().
#[no_mangle]
pub unsafe extern "C" fn iot_error_status_n(code: *const c_char, len: usize) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(-1, { status_number(unsafe { status_from_n(code, len) }) })
}

/// The name of a canonical status, gRPC's: "OK" for IOT_ERROR_STATUS_OK (0)
/// up to "UNAUTHENTICATED" for IOT_ERROR_STATUS_UNAUTHENTICATED (16).
///
/// Returns a static string (never free it), or NULL for any other number
/// (-1 included).
#[no_mangle]
pub extern "C" fn iot_error_status_name(status: c_int) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        Status::from_number(status).map_or(core::ptr::null(), |s| c_ptr(s.name_with_nul()))
    })
}

/// The HTTP status that gRPC's published mapping gives the retCode's
/// canonical status: 200 for "00000", then 400, 401, 403, 404, 409, 429, 499,
/// 500, 501, 503 or 504.
///
/// Returns 0 when `code` is NULL or neither "00000" nor a code of the catalog.
///
/// # Safety
/// As for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_http_status(code: *const c_char) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { http_status(unsafe { status_from_c(code) }) })
}

/// iot_error_http_status() for a code given as `len` bytes; exactly `len` bytes are read.
///
/// Returns 0 when `code` is NULL or neither "00000" nor a code of the catalog.
///
/// # Safety
/// As for iot_error_describe_n().
#[no_mangle]
pub unsafe extern "C" fn iot_error_http_status_n(code: *const c_char, len: usize) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { http_status(unsafe { status_from_n(code, len) }) })
}

/// Whether the request that got this retCode may succeed if sent again later,
/// with backoff: 1 when the code's status is UNAVAILABLE, DEADLINE_EXCEEDED,
/// RESOURCE_EXHAUSTED or ABORTED (gRPC's guidance), else 0. A code with status
/// UNAUTHENTICATED gives 0: authenticate again first, then send the request again.
///
/// Returns 0 when `code` is NULL, "00000" or not a code of the catalog.
///
/// # Safety
/// As for iot_error_describe().
#[no_mangle]
pub unsafe extern "C" fn iot_error_is_retryable(code: *const c_char) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { retryable(unsafe { status_from_c(code) }) })
}

/// iot_error_is_retryable() for a code given as `len` bytes; exactly `len` bytes are read.
///
/// Returns 0 when `code` is NULL, "00000" or not a code of the catalog.
///
/// # Safety
/// As for iot_error_describe_n().
#[no_mangle]
pub unsafe extern "C" fn iot_error_is_retryable_n(code: *const c_char, len: usize) -> c_int {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(0, { retryable(unsafe { status_from_n(code, len) }) })
}

/// The canonical tag of the language that `lang` selects, by the rule of
/// iot_error_describe_lang(): "en" for "en", "EN", "en-US", "en_GB.UTF-8";
/// "zh" for "zh", "zh-CN", and for NULL, "", "C", "POSIX" and every language
/// without texts (the default). At most 3 bytes of `lang` are read
/// (IOT_ERROR_LANGUAGE_TAG_PREFIX_LEN).
///
/// Returns a static string (never free it): "zh" or "en", never NULL.
///
/// # Safety
/// `lang` is NULL or a string readable up to its NUL or 3 bytes, whichever
/// comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_language(lang: *const c_char) -> *const c_char {
    // SAFETY: forwarded from the caller.
    ffi_boundary!(core::ptr::null(), { c_ptr(unsafe { language(lang) }.tag_with_nul()) })
}

/// Whether `code` is the platform's success retCode "00000" (exactly; it is
/// not an error and not in the catalog). Reads at most 6 bytes of `code`.
///
/// Returns 1 for "00000", 0 for everything else, including NULL, so a caller
/// can write `if (!iot_error_is_success(rc)) log(iot_error_describe(rc));`.
///
/// # Safety
/// `code` is NULL or points to a string readable up to its NUL or 6 bytes,
/// whichever comes first.
#[no_mangle]
pub unsafe extern "C" fn iot_error_is_success(code: *const c_char) -> c_int {
    ffi_boundary!(0, {
        // SAFETY: forwarded from the caller.
        let bytes = unsafe { bounded_c_str(code, SUCCESS.len()) };
        c_int::from(bytes == Some(SUCCESS.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
                            ErrorCode::TokenExpired
                                .description_with_nul(Language::from_tag_bytes(tag).unwrap_or_default()),
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
}
