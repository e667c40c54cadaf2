//! The catalog: every code of the spec with its name, category and texts.
//!
//! The tables come from `build.rs` (`OUT_DIR/catalog.rs`, made from
//! `src/catalog/`); this module gives them a typed face. Every string is
//! stored once, NUL-terminated, in one text ([`TEXT`]), so that the C ABI and
//! JNI can hand out the very bytes that Rust callers see without the NUL. The
//! entries hold offsets into it rather than pointers: a table of pointers
//! would need a relocation per string in every program and shared library
//! that links it (about 11 KB here), offsets need none.

use core::fmt;

use crate::language::Language;
use crate::nul::without_nul;
use crate::status::Status;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// One code of one [`Catalog`]: its code, name, category, status, texts and
/// hint. Every entry is static; get one from [`Catalog::lookup`] or
/// [`ErrorCode::entry`].
pub struct Entry {
    /// The offsets of its code, name, Chinese and English text: in [`TEXT`],
    /// or with [`LATER`] set in [`LATER_TEXT`] (the default catalog's never).
    at: [u16; 4],
    /// Their lengths in bytes, without the NUL that follows each.
    len: [u8; 4],
    category: Category,
    status: Status,
}

/// A hint of a later catalog's entry (`Catalog::hints`, by the entry's index):
/// its Chinese and English text, placed as an [`Entry`]'s; length 0 for none.
pub(crate) struct Hint {
    at: [u16; 2],
    len: [u8; 2],
}

/// The fields of an [`Entry`], in the order of its `at` and `len`.
pub(crate) const CODE: usize = 0;
pub(crate) const NAME: usize = 1;
const ZH: usize = 2;
const EN: usize = 3;

/// The bit of an offset that says it is into [`LATER_TEXT`] (build.rs sets it).
const LATER: u16 = 0x8000;

/// The string at `at` of `len` bytes and the NUL after it, in [`TEXT`] or [`LATER_TEXT`].
#[inline]
fn text_at(at: u16, len: u8) -> &'static str {
    let (text, start) = if at & LATER == 0 {
        (TEXT, usize::from(at))
    } else {
        (LATER_TEXT, usize::from(at & !LATER))
    };
    let end = start + usize::from(len) + 1;
    // SAFETY: as in `Entry::default_field`; build.rs placed every field of
    // every entry and hint whole, with its NUL, in the text its offset names.
    unsafe { text.get_unchecked(start..end) }
}

impl Entry {
    /// Field `field`, with its NUL, of any catalog's entry.
    #[inline]
    pub(crate) fn field(&self, field: usize) -> &'static str {
        text_at(self.at[field], self.len[field])
    }

    /// Field `field`, with its NUL, of an entry of the default catalog (whose
    /// strings are all in [`TEXT`]): the lookup's hot path, which must not
    /// test which text.
    #[inline]
    fn default_field(&self, field: usize) -> &'static str {
        let start = usize::from(self.at[field]);
        let end = start + usize::from(self.len[field]) + 1;
        // SAFETY: build.rs wrote every field of every entry of the default
        // catalog into TEXT as a whole &str followed by its NUL (offsets
        // without LATER), so `start..end` lies inside TEXT and both ends are
        // character boundaries (`every_field_is_a_whole_string` checks all of
        // them). Unchecked because this is the lookup's hot path.
        unsafe { TEXT.get_unchecked(start..end) }
    }

    /// The category.
    #[inline]
    pub(crate) fn category_of(&self) -> Category {
        self.category
    }

    /// The canonical status.
    #[inline]
    pub(crate) fn status_of(&self) -> Status {
        self.status
    }

    /// The description in `lang`, with its NUL.
    pub(crate) fn description_with_nul(&self, lang: Language) -> &'static str {
        match lang {
            Language::Zh => self.field(ZH),
            Language::En => self.field(EN),
        }
    }

    /// The hint in `lang`, with its NUL, or `None`: found by the entry's
    /// catalog and index (only later catalogs have hints). Not inlined: it
    /// serves every language binding, none of them in a hot path.
    #[inline(never)]
    pub(crate) fn hint_with_nul(&self, lang: Language) -> Option<&'static str> {
        let hint = Catalog::ALL
            .into_iter()
            .find_map(|c| c.hints().get(c.position(self)?))?;
        let field = match lang {
            Language::Zh => 0,
            Language::En => 1,
        };
        (hint.len[field] > 0).then(|| text_at(hint.at[field], hint.len[field]))
    }
}

impl ErrorCode {
    /// The code's entry in the default catalog, [`Catalog::UwsV1_3_0`].
    #[inline]
    pub fn entry(self) -> &'static Entry {
        &ENTRIES[self as usize]
    }

    /// Field `field` of the code's entry, with its NUL.
    #[inline]
    fn field(self, field: usize) -> &'static str {
        self.entry().default_field(field)
    }

    /// The retCode as the platform sends it, e.g. `"D00004"`.
    pub fn code(self) -> &'static str {
        without_nul(self.field(CODE))
    }

    /// The symbolic name, e.g. `"TOKEN_EXPIRED"`: stable across releases.
    pub fn name(self) -> &'static str {
        without_nul(self.field(NAME))
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

    /// The description with its NUL, for the C ABI and JNI.
    pub(crate) fn description_with_nul(self, lang: Language) -> &'static str {
        match lang {
            Language::Zh => self.field(ZH),
            Language::En => self.field(EN),
        }
    }
}

/// What a program should do with a code (see [`Status`]).
impl ErrorCode {
    /// The code's canonical status (`names.tsv`), e.g. `UNAUTHENTICATED` for `D00004`.
    pub fn status(self) -> Status {
        self.entry().status
    }

    /// The HTTP status of the code's status, by gRPC's mapping.
    pub fn http_status(self) -> u16 {
        self.status().http_status()
    }

    /// Whether the request that got this code may succeed if retried later,
    /// with backoff (see [`Status::is_retryable`]).
    pub fn is_retryable(self) -> bool {
        self.status().is_retryable()
    }
}

/// What only the C ABI and JNI use.
#[cfg_attr(not(any(feature = "capi", feature = "jni")), allow(dead_code))]
impl ErrorCode {
    /// The position of the code in [`ErrorCode::iter`]'s order, for JNI's
    /// enumeration within one build.
    #[cfg_attr(not(feature = "jni"), allow(dead_code))]
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The code at `index` in [`ErrorCode::iter`]'s order, or `None` past the end.
    pub(crate) fn at(index: usize) -> Option<ErrorCode> {
        ErrorCode::ALL.get(index).copied()
    }

    /// The code with its NUL, for the C ABI.
    pub(crate) fn code_with_nul(self) -> &'static str {
        self.field(CODE)
    }

    /// The name with its NUL, for the C ABI.
    pub(crate) fn name_with_nul(self) -> &'static str {
        self.field(NAME)
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
        assert_eq!(Category::from_number(12), None);
        for (i, c) in Category::ALL.into_iter().enumerate() {
            assert_eq!(c.number(), i as i32 + 1);
            assert_eq!(Category::from_number(c.number()), Some(c));
        }
        assert_eq!(Category::Account.to_string(), "account");
    }

    #[test]
    fn every_field_is_a_whole_string() {
        let whole = |at: u16, len: u8| {
            let (text, start) = if at & LATER == 0 {
                (TEXT, at)
            } else {
                (LATER_TEXT, at & !LATER)
            };
            let (start, len) = (usize::from(start), usize::from(len));
            let s = text
                .get(start..start + len + 1)
                .expect("a field inside its text at character boundaries");
            assert!(s.ends_with('\0') && len > 0, "{s:?}");
        };
        for entry in &ENTRIES {
            for field in [CODE, NAME, ZH, EN] {
                assert_eq!(
                    entry.at[field] & LATER,
                    0,
                    "the default catalog's strings are all in TEXT"
                );
                whole(entry.at[field], entry.len[field]);
            }
        }
        for c in Catalog::ALL {
            for entry in c.entries() {
                for field in [CODE, NAME, ZH, EN] {
                    whole(entry.at[field], entry.len[field]);
                }
            }
            assert!(c.hints().is_empty() || c.hints().len() == c.entries().len());
            for hint in c.hints() {
                assert_eq!(
                    hint.len[0] == 0,
                    hint.len[1] == 0,
                    "a hint has both languages or neither"
                );
                for i in 0..2 {
                    if hint.len[i] > 0 {
                        whole(hint.at[i], hint.len[i]);
                    }
                }
            }
        }
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
