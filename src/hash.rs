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

/// The perfect-hash table of a later catalog (the default one's is `SLOTS`,
/// which finds an [`ErrorCode`]): the same key and slot function, the keys
/// and the entry indices in two arrays (no padding between them).
pub(crate) struct IndexTable {
    multiplier: u64,
    shift: u32,
    /// The key of the code or alias in each slot; 0 (no input's key) for none.
    keys: &'static [u64],
    /// The index of its entry.
    indices: &'static [u8],
}

impl IndexTable {
    /// The index of the entry whose key is `key`, if any.
    #[inline]
    pub(crate) fn find(&self, key: u64) -> Option<usize> {
        let slot = key::slot(key, self.multiplier, self.shift);
        let (&stored, &index) = (self.keys.get(slot)?, self.indices.get(slot)?);
        (stored == key && key != 0).then_some(usize::from(index))
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
            for (i, &key) in table.keys.iter().enumerate().filter(|(_, k)| **k != 0) {
                assert_eq!(table.find(key), Some(usize::from(table.indices[i])), "slot {i}");
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
