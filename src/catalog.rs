//! The catalog: every code of the spec with its name, category and texts.
//!
//! The tables come from `build.rs` (`OUT_DIR/catalog.rs`, made from
//! `src/catalog/`); this module gives them a typed face. Strings are stored
//! once, NUL-terminated, so that the C ABI and JNI can hand out the very bytes
//! that Rust callers see without the NUL.

use core::fmt;

use crate::language::Language;
use crate::status::Status;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The static data of one code. Every string ends in NUL.
struct Entry {
    code: &'static str,
    name: &'static str,
    category: Category,
    status: Status,
    zh: &'static str,
    en: &'static str,
}

/// `"abc\0"` -> `"abc"`.
#[inline]
pub(crate) const fn without_nul(s: &'static str) -> &'static str {
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

    /// The symbolic name, e.g. `"TOKEN_EXPIRED"`: stable across releases.
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

    /// Every code in the order of the spec this release was built from.
    ///
    /// The order is that of one spec version: a later spec may insert codes
    /// anywhere, so store a code by its [`code`](ErrorCode::code) or
    /// [`name`](ErrorCode::name), never by its position.
    pub fn iter() -> impl ExactSizeIterator<Item = ErrorCode> + DoubleEndedIterator {
        ErrorCode::ALL.into_iter()
    }

    /// The status of `names.tsv` (see [`ErrorCode::status`]).
    pub(crate) fn entry_status(self) -> Status {
        self.entry().status
    }

    /// The description with its NUL, for the C ABI and JNI.
    pub(crate) fn description_with_nul(self, lang: Language) -> &'static str {
        match lang {
            Language::Zh => self.entry().zh,
            Language::En => self.entry().en,
        }
    }
}

/// What only the C ABI and JNI use.
#[cfg_attr(not(any(feature = "capi", feature = "jni")), allow(dead_code))]
impl ErrorCode {
    /// The position of the code in [`ErrorCode::iter`]'s order, for the C ABI's
    /// and JNI's enumeration within one build.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The code at `index` in [`ErrorCode::iter`]'s order, or `None` past the end.
    pub(crate) fn at(index: usize) -> Option<ErrorCode> {
        ErrorCode::ALL.get(index).copied()
    }

    /// The code with its NUL, for the C ABI.
    pub(crate) fn code_with_nul(self) -> &'static str {
        self.entry().code
    }

    /// The name with its NUL, for the C ABI.
    pub(crate) fn name_with_nul(self) -> &'static str {
        self.entry().name
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

impl Category {
    /// The category's name, e.g. `"account"`.
    pub fn name(self) -> &'static str {
        without_nul(self.name_with_nul())
    }

    /// The category's number: its `IOT_ERROR_CATEGORY_*` value in C, from 1.
    /// Numbers are never reused or changed.
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
                code.description_with_nul(Language::Zh),
                code.description_with_nul(Language::En),
            ] {
                assert!(s.ends_with('\0') && !s[..s.len() - 1].contains('\0'));
            }
            assert!(!code.name().ends_with('\0'));
        }
    }

    #[test]
    fn display_shows_the_code_and_alternate_adds_name_and_text() {
        assert_eq!(ErrorCode::TokenExpired.to_string(), "D00004");
        assert_eq!(
            format!("{:#}", ErrorCode::TokenExpired),
            "D00004 TOKEN_EXPIRED: Token has expired; token verification failed"
        );
    }
}
