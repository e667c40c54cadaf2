//! The catalog's strings are stored NUL-terminated, so that the C ABI and JNI
//! hand out the very bytes Rust callers see; Rust callers get them without it.

/// `"abc\0"` -> `"abc"`.
#[inline]
pub(crate) const fn without_nul(s: &'static str) -> &'static str {
    match s.as_bytes().split_last() {
        // SAFETY: removing a trailing ASCII NUL keeps a str valid UTF-8.
        Some((0, rest)) => unsafe { core::str::from_utf8_unchecked(rest) },
        _ => s,
    }
}
