//! The catalog: every code of the spec with its name, category and texts.
//!
//! The tables come from `build.rs` (see `src/catalog/names.tsv`); this module
//! gives them a typed face. Strings are stored once, NUL-terminated, so the
//! C ABI can hand out the same bytes that Rust callers see without the NUL.

use core::fmt;
use core::str::FromStr;

use crate::error::UnknownCode;
use crate::language::Language;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The static data of one code. Every string ends in NUL.
struct Entry {
    code: &'static str,
    name: &'static str,
    category: Category,
    zh: &'static str,
    en: &'static str,
}

/// One slot of the perfect-hash table: a packed key and the code it stands for.
pub(crate) struct Slot {
    pub(crate) key: u64,
    pub(crate) code: Option<ErrorCode>,
}

impl Slot {
    /// No input packs to key 0 (every key carries its non-zero length).
    const EMPTY: Slot = Slot { key: 0, code: None };
}

/// Looks up a packed key (see `lookup::pack`) in the generated perfect hash.
#[inline]
pub(crate) fn find(key: u64) -> Option<ErrorCode> {
    let slot = &SLOTS[(key.wrapping_mul(HASH_MULTIPLIER) >> HASH_SHIFT) as usize];
    if slot.key == key {
        slot.code
    } else {
        None
    }
}

/// `"abc\0"` -> `"abc"`.
#[inline]
const fn without_nul(s: &'static str) -> &'static str {
    match s.as_bytes().split_last() {
        // SAFETY: removing a trailing ASCII NUL keeps a str valid UTF-8.
        Some((0, rest)) => unsafe { core::str::from_utf8_unchecked(rest) },
        _ => s,
    }
}

impl ErrorCode {
    #[inline]
    fn entry(self) -> &'static Entry {
        &ENTRIES[self as usize]
    }

    /// The retCode as the platform sends it, e.g. `"D00004"`.
    pub fn code(self) -> &'static str {
        without_nul(self.entry().code)
    }

    /// The symbolic name, e.g. `"TOKEN_EXPIRED"`.
    pub fn name(self) -> &'static str {
        without_nul(self.entry().name)
    }

    /// The category, by the code's letter.
    pub fn category(self) -> Category {
        self.entry().category
    }

    /// The description in `lang`: the spec's own text for [`Language::Zh`].
    pub fn description(self, lang: Language) -> &'static str {
        without_nul(self.description_with_nul(lang))
    }

    /// The position of the code in the spec's table, from 0.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The code at `index` in spec order, or `None` past the end.
    pub fn from_index(index: usize) -> Option<ErrorCode> {
        ErrorCode::ALL.get(index).copied()
    }

    /// Every code in spec order.
    pub fn iter() -> impl ExactSizeIterator<Item = ErrorCode> + DoubleEndedIterator {
        ErrorCode::ALL.into_iter()
    }

    pub(crate) fn code_with_nul(self) -> &'static str {
        self.entry().code
    }

    pub(crate) fn name_with_nul(self) -> &'static str {
        self.entry().name
    }

    pub(crate) fn description_with_nul(self, lang: Language) -> &'static str {
        match lang {
            Language::Zh => self.entry().zh,
            Language::En => self.entry().en,
        }
    }
}

/// Shows the code as sent on the wire (`D00004`), so `to_string().parse()` round-trips.
/// `{:#}` shows `D00004 TOKEN_EXPIRED: <English description>` for logs.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            write!(f, "{} {}: {}", self.code(), self.name(), self.description(Language::En))
        } else {
            f.write_str(self.code())
        }
    }
}

/// Parses a retCode with the rules of [`crate::lookup`].
impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<ErrorCode, UnknownCode> {
        crate::lookup(s).ok_or_else(|| UnknownCode::new(s))
    }
}

impl Category {
    /// The category's name, e.g. `"account"`.
    pub fn name(self) -> &'static str {
        without_nul(self.name_with_nul())
    }

    /// The category's number: its `IOT_ERROR_CATEGORY_*` value in C, from 1.
    pub const fn number(self) -> i32 {
        self as i32
    }

    /// The category with that number, or `None` (for 0 and every other non-category).
    pub fn from_number(number: i32) -> Option<Category> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        Category::ALL.get(index).copied()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for code in ErrorCode::iter() {
            assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(code));
            assert_eq!(ErrorCode::from_index(code.index()), Some(code));
        }
        assert_eq!("d00004".parse::<ErrorCode>(), Ok(ErrorCode::TokenExpired));
        assert_eq!(
            format!("{:#}", ErrorCode::TokenExpired),
            "D00004 TOKEN_EXPIRED: Token has expired; token verification failed"
        );
    }

    #[test]
    fn unknown_codes_are_errors() {
        let err = "D00014".parse::<ErrorCode>().unwrap_err();
        assert_eq!(err.code(), "D00014");
        assert_eq!(
            err.to_string(),
            "unknown retCode \"D00014\" (not in the UWS error-code spec V1.3.0)"
        );
        let long = "x".repeat(1000);
        assert_eq!(long.parse::<ErrorCode>().unwrap_err().code().len(), 32);
        let _: &dyn std::error::Error = &err;
    }

    #[test]
    fn categories_by_number() {
        assert_eq!(Category::from_number(0), None);
        assert_eq!(Category::from_number(-1), None);
        assert_eq!(Category::from_number(i32::MIN), None);
        assert_eq!(Category::from_number(10), None);
        for (i, c) in Category::ALL.into_iter().enumerate() {
            assert_eq!(c.number(), i as i32 + 1);
            assert_eq!(Category::from_number(c.number()), Some(c));
        }
        assert_eq!(Category::Account.to_string(), "account");
    }

    #[test]
    fn stored_strings_end_in_nul_and_accessors_hide_it() {
        for code in ErrorCode::iter() {
            for s in [
                code.code_with_nul(),
                code.name_with_nul(),
                code.description_with_nul(Language::En),
            ] {
                assert!(s.ends_with('\0') && !s[..s.len() - 1].contains('\0'));
            }
            assert!(!code.name().ends_with('\0'));
        }
    }
}
