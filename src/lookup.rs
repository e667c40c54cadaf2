//! Finding a code from caller input: exact or ASCII case-insensitive, nothing trimmed.

use crate::catalog::{find, ErrorCode, MAX_CODE_LEN};

/// The platform's retCode for success. It is not an error and not in the catalog.
pub const SUCCESS: &str = "00000";

/// The code that `code` names, matching exactly or ASCII case-insensitively
/// (`"d00004"` finds `D00004`), including the documented aliases (`G20903`
/// finds `20903`). Nothing is trimmed or guessed: anything else is `None`.
#[inline]
pub fn lookup(code: &str) -> Option<ErrorCode> {
    lookup_bytes(code.as_bytes())
}

/// [`lookup`] over raw bytes. Bytes that are not a code (invalid UTF-8,
/// NUL, anything longer than [`MAX_CODE_LEN`]) are `None`.
#[inline]
pub fn lookup_bytes(code: &[u8]) -> Option<ErrorCode> {
    find(pack(code)?)
}

/// The hash key of an input: its bytes ASCII-uppercased, little-endian, with
/// the length in the top byte. Must agree with `pack` in `build.rs`. `None`
/// for empty or over-long input; input containing NUL packs to a key no code has.
#[inline]
fn pack(code: &[u8]) -> Option<u64> {
    if code.is_empty() || code.len() > MAX_CODE_LEN {
        return None;
    }
    let mut key = (code.len() as u64) << 56;
    for (i, b) in code.iter().enumerate() {
        key |= u64::from(b.to_ascii_uppercase()) << (8 * i);
    }
    Some(key)
}

/// Whether `code` is the platform's success code `"00000"` (exactly).
#[inline]
pub fn is_success(code: &str) -> bool {
    code == SUCCESS
}

const _: () = assert!(MAX_CODE_LEN < 8, "pack() keeps the length in the key's top byte");
