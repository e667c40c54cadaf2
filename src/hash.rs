//! The perfect hash that finds a code: its slots, its key and `find`.
//!
//! `build.rs` lays every code and alias of the catalog into a table of
//! `1 << (64 - HASH_SHIFT)` slots with a multiplier that gives each its own
//! slot (`OUT_DIR/hash.rs`). A lookup is one multiply, one shift and one
//! compare of the stored key: nothing is parsed or initialised at run time.

pub(crate) mod key;

use crate::catalog::ErrorCode;

/// One slot of the table: the key of the code or alias in it, and its code.
struct Slot {
    key: u64,
    code: Option<ErrorCode>,
}

impl Slot {
    /// No input has key 0 (every key carries its non-zero length).
    const EMPTY: Slot = Slot { key: 0, code: None };
}

/// The table of a later catalog (the default one's is `SLOTS`, which finds an
/// [`ErrorCode`]): the key of every code and alias, in order, and the index
/// of its entry, in two arrays (no padding between them), searched by
/// bisection. The same key as the default's.
pub(crate) struct IndexTable {
    /// Sorted, each once.
    keys: &'static [u64],
    /// The index of the entry of `keys[i]`.
    indices: &'static [u8],
}

impl IndexTable {
    /// The index of the entry whose key is `key`, if any.
    #[inline]
    pub(crate) fn find(&self, key: u64) -> Option<usize> {
        let at = self.keys.binary_search(&key).ok()?;
        self.indices.get(at).map(|&i| usize::from(i))
    }
}

include!(concat!(env!("OUT_DIR"), "/hash.rs"));

/// The code whose key is `key` (see [`key::key`]), if any.
#[inline(always)]
pub(crate) fn find(key: u64) -> Option<ErrorCode> {
    let slot = &SLOTS[key::slot(key, HASH_MULTIPLIER, HASH_SHIFT)];
    if slot.key == key {
        slot.code
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::key::{ascii_uppercase, key, word};
    use super::*;

    #[test]
    fn every_slot_holds_the_code_its_key_finds() {
        for slot in SLOTS.iter().filter(|s| s.code.is_some()) {
            assert_eq!(find(slot.key), slot.code);
        }
        assert_eq!(find(0), None);
        for table in [&UWSCOMMON2021_04_05_TABLE] {
            assert_eq!(table.keys.len(), table.indices.len());
            assert!(table.keys.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
            for (i, &key) in table.keys.iter().enumerate() {
                assert_eq!(table.find(key), Some(usize::from(table.indices[i])), "key {i}");
            }
            assert_eq!(table.find(0), None);
        }
    }

    #[test]
    fn word_and_key() {
        assert_eq!(word(b"ab"), 0x6261);
        assert_eq!(key(word(b"ab"), 2), 0x0200_0000_0000_4241);
        assert_eq!(key(word(b"d00004"), 6), key(word(b"D00004"), 6));
    }

    #[test]
    fn ascii_uppercase_matches_core_on_every_byte_in_every_position() {
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
