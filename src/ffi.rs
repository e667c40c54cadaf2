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
use crate::lookup::{CodeWord, SUCCESS};
use crate::panic::ffi_boundary;
use crate::status::Status;
use crate::version::VERSION_C;

/// The one reader of C strings: passes each byte of the NUL-terminated string
/// at `ptr` before its NUL to `each` (with its index), reading at most `max`
/// bytes; returns how many it passed, or `None` for NULL. A caller that must
/// tell a longer string from one of `n` bytes asks for `n + 1`.
///
/// # Safety
/// `ptr` is NULL, or readable up to its NUL or `max` bytes, whichever is first.
#[inline(always)]
unsafe fn read_c_str(ptr: *const c_char, max: usize, mut each: impl FnMut(usize, u8)) -> Option<usize> {
    if ptr.is_null() {
        return None;
    }
    let bytes = ptr.cast::<u8>();
    let mut len = 0;
    while len < max {
        // SAFETY: the caller guarantees bytes up to the NUL or `max` are
        // readable, and reads stop at the first NUL or after `max` bytes.
        let byte = unsafe { *bytes.add(len) };
        if byte == 0 {
            break;
        }
        each(len, byte);
        len += 1;
    }
    Some(len)
}

/// The bytes of the NUL-terminated string at `ptr` before its NUL, at most
/// `max` of them ([`read_c_str`]). `None` for NULL.
///
/// # Safety
/// As for [`read_c_str`].
#[inline]
unsafe fn c_str_prefix<'a>(ptr: *const c_char, max: usize) -> Option<&'a [u8]> {
    // SAFETY: forwarded from the caller.
    let len = unsafe { read_c_str(ptr, max, |_, _| ()) }?;
    // SAFETY: the `len` bytes were just read.
    Some(unsafe { slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The NUL-terminated `code` as the lookup reads it, its bytes gathered into
/// one word in the pass that finds the NUL; reads at most one byte past the
/// longest code, and a longer string matches nothing. `None` for NULL.
///
/// # Safety
/// `code` is NULL, or readable up to its NUL or `MAX_CODE_LEN + 1` bytes.
#[inline(always)]
unsafe fn code_c(code: *const c_char) -> Option<CodeWord> {
    let mut word = 0u64;
    // SAFETY: forwarded from the caller. MAX_CODE_LEN + 1 bytes fit in a u64
    // (lookup.rs asserts MAX_CODE_LEN < 8).
    let len = unsafe { read_c_str(code, MAX_CODE_LEN + 1, |i, byte| word |= u64::from(byte) << (8 * i)) }?;
    CodeWord::from_parts(word, len)
}

/// The `len` bytes at `code` as the lookup reads them: `None` for NULL or
/// more than [`MAX_CODE_LEN`] bytes, of which none are read then.
///
/// # Safety
/// `code` is NULL, or `len` bytes at it are readable.
#[inline]
unsafe fn code_n(code: *const c_char, len: usize) -> Option<CodeWord> {
    if code.is_null() || len > MAX_CODE_LEN {
        return None;
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    CodeWord::of(unsafe { slice::from_raw_parts(code.cast::<u8>(), len) })
}

/// The language that the tag at `lang` selects, the default for NULL or none.
///
/// # Safety
/// `lang` is NULL or readable up to its NUL or [`Language::TAG_PREFIX_LEN`] bytes.
#[inline]
unsafe fn language(lang: *const c_char) -> Language {
    // SAFETY: forwarded from the caller.
    let tag = unsafe { c_str_prefix(lang, Language::TAG_PREFIX_LEN) };
    tag.and_then(Language::from_tag_bytes).unwrap_or_default()
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
    ffi_boundary!(core::ptr::null(), {
        text(unsafe { code_c(code) }.and_then(CodeWord::code), Language::Zh)
    })
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
        text(unsafe { code_n(code, len) }.and_then(CodeWord::code), Language::Zh)
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
    ffi_boundary!(core::ptr::null(), {
        // SAFETY: forwarded from the caller.
        let (code, lang) = unsafe { (code_c(code), language(lang)) };
        text(code.and_then(CodeWord::code), lang)
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
    ffi_boundary!(core::ptr::null(), {
        name(unsafe { code_c(code) }.and_then(CodeWord::code))
    })
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
    ffi_boundary!(core::ptr::null(), {
        name(unsafe { code_n(code, len) }.and_then(CodeWord::code))
    })
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
    ffi_boundary!(0, { category(unsafe { code_c(code) }.and_then(CodeWord::code)) })
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
    ffi_boundary!(0, { category(unsafe { code_n(code, len) }.and_then(CodeWord::code)) })
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
    ffi_boundary!(-1, {
        status_number(unsafe { code_c(code) }.and_then(CodeWord::status))
    })
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
    ffi_boundary!(-1, {
        status_number(unsafe { code_n(code, len) }.and_then(CodeWord::status))
    })
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
    ffi_boundary!(0, { http_status(unsafe { code_c(code) }.and_then(CodeWord::status)) })
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
    ffi_boundary!(0, {
        http_status(unsafe { code_n(code, len) }.and_then(CodeWord::status))
    })
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
    ffi_boundary!(0, { retryable(unsafe { code_c(code) }.and_then(CodeWord::status)) })
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
    ffi_boundary!(0, {
        retryable(unsafe { code_n(code, len) }.and_then(CodeWord::status))
    })
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
        let bytes = unsafe { c_str_prefix(code, SUCCESS.len() + 1) };
        c_int::from(bytes.and_then(CodeWord::of).is_some_and(CodeWord::is_success))
    })
}

mod catalogs;
pub use catalogs::*;

#[cfg(test)]
mod tests;
