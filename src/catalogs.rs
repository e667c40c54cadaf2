//! Choosing a catalog: [`Catalog`] by id, and the [`Entry`] of a code in it
//! (docs/catalogs.md). The functions without a catalog ([`lookup`](crate::lookup),
//! [`ErrorCode`]) are the default catalog, [`Catalog::UwsV1_3_0`].

use core::fmt;
use core::str::FromStr;

use crate::catalog::{Category, Entry, ErrorCode, CODE, NAME};
use crate::hash::{key, IndexTable, UWSCOMMON2021_04_05_TABLE};
use crate::language::Language;
use crate::lookup::lookup_bytes;
use crate::nul::without_nul;
use crate::status::Status;

pub use crate::catalog::Catalog;

/// The longest an id may be, in bytes (`src/catalog/source.rs` refuses a
/// longer one): the C ABI reads no more of a caller's id than one byte past it.
#[cfg_attr(not(feature = "capi"), allow(dead_code))]
pub(crate) const CATALOG_ID_MAX_LEN: usize = 63;

impl Catalog {
    /// Its id, e.g. `"uws-common-2021-04-05"`: what callers name it by, in
    /// every language and on the command line. Never changes.
    pub fn id(self) -> &'static str {
        without_nul(self.id_with_nul())
    }

    /// Where its table comes from, e.g. the vendor's repository, file and commit.
    pub fn source(self) -> &'static str {
        without_nul(self.source_with_nul())
    }

    /// The catalog whose id is exactly `id`, or `None`.
    pub fn from_id(id: &str) -> Option<Catalog> {
        Catalog::from_id_bytes(id.as_bytes())
    }

    /// [`Catalog::from_id`] over raw bytes.
    pub fn from_id_bytes(id: &[u8]) -> Option<Catalog> {
        Catalog::ALL.into_iter().find(|c| same_bytes(c.id().as_bytes(), id))
    }

    /// The entry of `code` in this catalog, matched as [`lookup`](crate::lookup)
    /// matches (exactly or ASCII case-insensitively, `G20903` finds `20903`),
    /// or `None` for a code this catalog's table lacks.
    pub fn lookup(self, code: &str) -> Option<&'static Entry> {
        self.lookup_bytes(code.as_bytes())
    }

    /// [`Catalog::lookup`] over raw bytes.
    pub fn lookup_bytes(self, code: &[u8]) -> Option<&'static Entry> {
        match self.table() {
            None => lookup_bytes(code).map(ErrorCode::entry),
            Some(table) => {
                if code.is_empty() || code.len() > crate::MAX_CODE_LEN {
                    return None;
                }
                let index = table.find(key::key(key::word(code), code.len()))?;
                self.entries().get(index)
            }
        }
    }

    /// Every entry, in the order of the catalog's table.
    pub fn iter(self) -> impl ExactSizeIterator<Item = &'static Entry> + DoubleEndedIterator {
        self.entries().iter()
    }

    /// The hash table of a later catalog; `None` for the default, whose table finds an [`ErrorCode`].
    fn table(self) -> Option<&'static IndexTable> {
        match self {
            Catalog::UwsV1_3_0 => None,
            Catalog::UwsCommon2021_04_05 => Some(&UWSCOMMON2021_04_05_TABLE),
        }
    }

    /// The index of `entry` among this catalog's entries, if it is one of them:
    /// how the C ABI checks a pointer it is given before reading it.
    #[cfg_attr(not(any(test, feature = "capi")), allow(dead_code))]
    pub(crate) fn position(self, entry: *const Entry) -> Option<usize> {
        let entries = self.entries();
        let start = entries.as_ptr() as usize;
        let offset = (entry as usize).checked_sub(start)?;
        let index = offset / core::mem::size_of::<Entry>();
        (offset % core::mem::size_of::<Entry>() == 0 && index < entries.len()).then_some(index)
    }
}

/// Whether `a` and `b` hold the same bytes. Not `==`, which compiles to a
/// call of `memcmp` or `bcmp` on some targets, and the library imports no
/// libc function (checks/tests/symbols.rs): every byte's difference is
/// gathered, with no early exit for the compiler to turn into such a call.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// Shows the id.
impl fmt::Display for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An id that is no catalog's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownCatalog;

impl fmt::Display for UnknownCatalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown catalog; the known ids are ")?;
        for (i, c) in Catalog::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(c.id())?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownCatalog {}

/// Parses an id, as [`Catalog::from_id`].
impl FromStr for Catalog {
    type Err = UnknownCatalog;

    fn from_str(s: &str) -> Result<Catalog, UnknownCatalog> {
        Catalog::from_id(s).ok_or(UnknownCatalog)
    }
}

impl Entry {
    /// The code as the catalog's table spells it, e.g. `"D00004"` (or `"20903"`).
    pub fn code(&self) -> &'static str {
        without_nul(self.field(CODE))
    }

    /// The symbolic name, e.g. `"TOKEN_EXPIRED"`: one meaning in every catalog.
    pub fn name(&self) -> &'static str {
        without_nul(self.field(NAME))
    }

    /// The category, by the code's letter.
    pub fn category(&self) -> Category {
        self.category_of()
    }

    /// The canonical status (see [`Status`]).
    pub fn status(&self) -> Status {
        self.status_of()
    }

    /// The HTTP status of the code's status, by gRPC's mapping.
    pub fn http_status(&self) -> u16 {
        self.status().http_status()
    }

    /// Whether the request may succeed if retried later (see [`Status::is_retryable`]).
    pub fn is_retryable(&self) -> bool {
        self.status().is_retryable()
    }

    /// The description in `lang`: the table's own text for [`Language::Zh`].
    pub fn description(&self, lang: Language) -> &'static str {
        without_nul(self.description_with_nul(lang))
    }

    /// What to try, in `lang`: the vendor's text for [`Language::Zh`], ours for
    /// [`Language::En`]; `None` when the table gives none (V1.3.0 never does).
    pub fn hint(&self, lang: Language) -> Option<&'static str> {
        self.hint_with_nul(lang).map(without_nul)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code())
            .field("name", &self.name())
            .field("category", &self.category())
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

/// Two entries are equal when they are the same static entry.
impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        core::ptr::eq(self, other)
    }
}

impl Eq for Entry {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_the_default_is_first() {
        assert_eq!(Catalog::default(), Catalog::ALL[0]);
        assert_eq!(Catalog::default().id(), "uws-v1.3.0");
        for c in Catalog::ALL {
            assert_eq!(Catalog::from_id(c.id()), Some(c));
            assert_eq!(c.id().parse::<Catalog>(), Ok(c));
            assert!(c.id().len() <= CATALOG_ID_MAX_LEN);
        }
        assert_eq!(Catalog::from_id("UWS-V1.3.0"), None);
        assert_eq!(Catalog::from_id(""), None);
        assert_eq!(
            "x".parse::<Catalog>().unwrap_err().to_string(),
            "unknown catalog; the known ids are uws-v1.3.0, uws-common-2021-04-05"
        );
    }

    #[test]
    fn the_default_catalog_is_errorcode() {
        for code in ErrorCode::iter() {
            let entry = Catalog::UwsV1_3_0.lookup(code.code()).unwrap();
            assert_eq!(entry, code.entry());
            assert_eq!(entry.hint(Language::Zh), None);
            assert_eq!(Catalog::UwsV1_3_0.position(entry), Some(code as usize));
        }
        assert_eq!(Catalog::UwsV1_3_0.iter().len(), ErrorCode::iter().len());
    }

    #[test]
    fn every_entry_finds_itself_in_every_case() {
        for c in Catalog::ALL {
            for (i, e) in c.iter().enumerate() {
                assert_eq!(c.lookup(e.code()), Some(e));
                assert_eq!(c.lookup(&e.code().to_ascii_lowercase()), Some(e));
                assert_eq!(c.position(e), Some(i));
            }
            assert_eq!(c.lookup(""), None);
            assert_eq!(c.lookup("00000"), None);
            assert_eq!(c.lookup("G20903").map(Entry::code), Some("20903"));
            assert_eq!(c.lookup_bytes(&[b'A'; 1000]), None);
        }
    }

    #[test]
    fn foreign_pointers_are_no_entry() {
        let common = Catalog::UwsCommon2021_04_05;
        let first = common.iter().next().unwrap() as *const Entry;
        assert_eq!(common.position(first.cast::<u8>().wrapping_add(1).cast()), None);
        assert_eq!(common.position(core::ptr::null()), None);
        assert_eq!(Catalog::UwsV1_3_0.position(first), None);
    }
}
