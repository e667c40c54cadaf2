//! Finding a code from caller input: exactly or ASCII case-insensitively,
//! nothing trimmed, nothing guessed.

use core::str::FromStr;

use crate::catalog::{ErrorCode, MAX_CODE_LEN};
use crate::error::UnknownCode;
use crate::hash::{find, key};
use crate::nul::without_nul;
use crate::status::Status;

/// The platform's retCode for success. It is not an error and not in the catalog.
pub const SUCCESS: &str = without_nul(SUCCESS_C);

/// [`SUCCESS`] with a NUL, for the C ABI and JNI.
pub(crate) const SUCCESS_C: &str = "00000\0";

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
    CodeWord::of(code).and_then(CodeWord::code)
}

/// Caller input of at most [`MAX_CODE_LEN`] bytes as the lookup reads it: its
/// bytes in one word ([`key::word`]) and its length. The C ABI fills one
/// straight from a C string, in the same pass that finds its NUL.
#[derive(Clone, Copy)]
pub(crate) struct CodeWord {
    word: u64,
    len: usize,
}

impl CodeWord {
    /// The input `bytes`; `None` if longer than any code.
    #[inline(always)]
    pub(crate) fn of(bytes: &[u8]) -> Option<CodeWord> {
        CodeWord::from_parts(key::word(bytes), bytes.len())
    }

    /// The `len` bytes whose word is `word`; `None` if `len` is more than
    /// [`MAX_CODE_LEN`] (`word` then holds only some of them).
    #[inline(always)]
    pub(crate) fn from_parts(word: u64, len: usize) -> Option<CodeWord> {
        (len <= MAX_CODE_LEN).then_some(CodeWord { word, len })
    }

    /// The code of the catalog it names, as [`lookup`] matches.
    #[inline(always)]
    pub(crate) fn code(self) -> Option<ErrorCode> {
        if self.len == 0 {
            return None;
        }
        find(key::key(self.word, self.len))
    }

    /// Whether it is the success code, exactly.
    #[inline(always)]
    pub(crate) fn is_success(self) -> bool {
        const SUCCESS_WORD: u64 = key::word(SUCCESS.as_bytes());
        self.len == SUCCESS.len() && self.word == SUCCESS_WORD
    }

    /// Its status, as [`Status::of`] gives it.
    #[inline(always)]
    pub(crate) fn status(self) -> Option<Status> {
        if self.is_success() {
            return Some(Status::Ok);
        }
        self.code().map(ErrorCode::status)
    }
}

/// Whether `code` is the platform's success code `"00000"` (exactly).
#[inline]
pub fn is_success(code: &str) -> bool {
    CodeWord::of(code.as_bytes()).is_some_and(CodeWord::is_success)
}

/// Parses a retCode with the rules of [`lookup`].
impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<ErrorCode, UnknownCode> {
        lookup(s).ok_or_else(|| UnknownCode::new(s))
    }
}

/// The status of caller input, by the rules of [`lookup`].
impl Status {
    /// The status of a retCode: [`Status::Ok`] for the success code `"00000"`,
    /// the code's status for a code of the catalog (matched as [`lookup`](crate::lookup)
    /// matches), `None` for anything else.
    pub fn of(code: &str) -> Option<Status> {
        Status::of_bytes(code.as_bytes())
    }

    /// [`Status::of`] over raw bytes.
    pub fn of_bytes(code: &[u8]) -> Option<Status> {
        CodeWord::of(code).and_then(CodeWord::status)
    }
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
    fn bad_bytes_are_not_codes() {
        assert_eq!(lookup_bytes(b"20903\0"), None);
        assert_eq!(lookup_bytes(b"\0"), None);
        assert_eq!(lookup_bytes(&[b'A'; 1 << 20]), None);
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
    fn the_success_code_is_ok_and_unknown_input_has_none() {
        assert_eq!(Status::of("00000"), Some(Status::Ok));
        assert_eq!(Status::of("d00004"), Some(Status::Unauthenticated));
        assert_eq!(Status::of("D00014"), None);
        assert_eq!(Status::of(""), None);
        assert!(!Status::Ok.is_retryable());
    }

    #[test]
    fn parse_round_trips_and_unknown_codes_are_errors() {
        for code in ErrorCode::iter() {
            assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
        }
        assert_eq!("d00004".parse::<ErrorCode>(), Ok(ErrorCode::TokenExpired));
        let err = "D00014".parse::<ErrorCode>().unwrap_err();
        assert_eq!(err.code(), "D00014");
    }
}
