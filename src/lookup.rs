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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Language};

    #[test]
    fn exact_and_ascii_case_insensitive() {
        assert_eq!(lookup("D00004"), Some(ErrorCode::TokenExpired));
        assert_eq!(lookup("d00004"), Some(ErrorCode::TokenExpired));
        assert_eq!(lookup("lc0001"), Some(ErrorCode::ComponentNotFound));
        assert_eq!(lookup("Lc0001"), Some(ErrorCode::ComponentNotFound));
        assert_eq!(lookup_bytes(b"h32011"), Some(ErrorCode::MessageChannelNotRegistered));
    }

    #[test]
    fn alias_of_the_letterless_code() {
        assert_eq!(lookup("20903"), Some(ErrorCode::MasterDataError));
        assert_eq!(lookup("G20903"), Some(ErrorCode::MasterDataError));
        assert_eq!(lookup("g20903"), Some(ErrorCode::MasterDataError));
        assert_eq!(ErrorCode::MasterDataError.code(), "20903");
        assert_eq!(ErrorCode::MasterDataError.category(), Category::Device);
    }

    #[test]
    fn nothing_is_trimmed_or_guessed() {
        for bad in ["", " D00004", "D00004 ", "D00004\n", "D0000", "D000044", "D00014", "D-0004", "Ｄ00004", "00000"] {
            assert_eq!(lookup(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn bad_bytes_are_not_codes() {
        assert_eq!(lookup_bytes(b"20903\0"), None);
        assert_eq!(lookup_bytes(b"\0"), None);
        assert_eq!(lookup_bytes(b"D0000\xff"), None);
        assert_eq!(lookup_bytes(b"\xff\xfe\xfd\xfc\xfb\xfa"), None);
        assert_eq!(lookup_bytes(&[b'A'; 1 << 20]), None);
        // Case folding is ASCII only: a byte that is not a letter never folds onto one.
        assert_eq!(lookup_bytes(b"\xc400004"), None);
        assert_eq!(lookup_bytes(b"D\x100004"), None);
    }

    #[test]
    fn success_is_not_an_error() {
        assert!(is_success("00000"));
        for other in ["", "0000", "000000", " 00000", "D00004"] {
            assert!(!is_success(other), "{other:?}");
        }
    }

    #[test]
    fn every_code_and_every_case_variant_finds_itself() {
        for code in ErrorCode::iter() {
            assert_eq!(lookup(code.code()), Some(code));
            assert_eq!(lookup(&code.code().to_ascii_lowercase()), Some(code));
            assert!(!code.description(Language::Zh).is_empty());
        }
    }
}
