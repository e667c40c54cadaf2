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
    if code.len() > MAX_CODE_LEN {
        return None;
    }
    let mut word = 0u64;
    for (i, &b) in code.iter().enumerate() {
        word |= u64::from(b) << (8 * i);
    }
    lookup_word(word, code.len())
}

/// [`lookup`] for a code already read into a word: byte `i` of the code in
/// bits `8 * i ..= 8 * i + 7`, the bytes past `len` zero. `None` unless `len`
/// is 1 to [`MAX_CODE_LEN`]. The C ABI reads C strings straight into a word.
#[inline(always)]
pub(crate) fn lookup_word(word: u64, len: usize) -> Option<ErrorCode> {
    if len == 0 || len > MAX_CODE_LEN {
        return None;
    }
    // The hash key: the uppercased bytes with the length in the top byte, as
    // `pack` in build.rs computes it for the catalog's codes.
    find(ascii_uppercase(word) | (len as u64) << 56)
}

/// Every byte of `word` ASCII-uppercased at once (`u8::to_ascii_uppercase`
/// on each byte; bytes that are not `a`-`z` are kept).
#[inline(always)]
const fn ascii_uppercase(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Each byte's low seven bits plus a bias sets the byte's high bit iff they
    // are at least `a` (resp. above `z`); no sum carries into the next byte.
    let low7 = word & !HIGH;
    let at_least_a = low7 + ONES * (0x80 - b'a' as u64);
    let above_z = low7 + ONES * (0x80 - b'z' as u64 - 1);
    let lowercase = at_least_a & !above_z & !word & HIGH;
    word ^ (lowercase >> 2) // bit 7 of a lowercase byte becomes its bit 5 (0x20)
}

/// Whether `code` is the platform's success code `"00000"` (exactly).
#[inline]
pub fn is_success(code: &str) -> bool {
    code == SUCCESS
}

const _: () = assert!(MAX_CODE_LEN < 8, "a code and its length fit in one u64 key");

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
        for bad in [
            "", " D00004", "D00004 ", "D00004\n", "D0000", "D000044", "D00014", "D-0004", "Ｄ00004", "00000",
        ] {
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

    #[test]
    fn ascii_uppercase_matches_std_on_every_byte_in_every_position() {
        for b in 0..=u8::MAX {
            for pos in 0..8 {
                // The byte under test between neighbours that must not change.
                let mut bytes = [b'a', 0xff, b'z', 0x00, b'{', 0x80, b'`', 0xe1];
                bytes[pos] = b;
                let want = bytes.map(|x| x.to_ascii_uppercase());
                assert_eq!(
                    ascii_uppercase(u64::from_le_bytes(bytes)),
                    u64::from_le_bytes(want),
                    "{b:#04x} at {pos}"
                );
            }
        }
    }
}
