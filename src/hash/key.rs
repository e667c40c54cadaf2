//! The hash key of a code: written once, used by the lookup at run time and by
//! `build.rs` (through `#[path]`) when it lays out the table. `core` only.
//!
//! A code of at most 7 bytes is read into one little-endian `u64` word (byte
//! `i` in bits `8 * i ..= 8 * i + 7`, the bytes past its length zero). Its key
//! is that word ASCII-uppercased, with the length in the top byte, so that
//! `"d00004"` and `"D00004"` have one key, and no input has key 0.

/// The word of up to 7 bytes: byte `i` in bits `8 * i ..= 8 * i + 7`.
#[inline(always)]
pub const fn word(bytes: &[u8]) -> u64 {
    let mut word = 0u64;
    let mut i = 0;
    while i < bytes.len() && i < 7 {
        word |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    word
}

/// The key of the `len`-byte input whose bytes are in `word` (see [`word`]); `len` is 1 to 7.
#[inline(always)]
pub const fn key(word: u64, len: usize) -> u64 {
    ascii_uppercase(word) | (len as u64) << 56
}

/// The slot of `key` in a table of `1 << (64 - shift)` slots: multiply-shift hashing.
#[inline(always)]
pub const fn slot(key: u64, multiplier: u64, shift: u32) -> usize {
    (key.wrapping_mul(multiplier) >> shift) as usize
}

/// Every byte of `word` ASCII-uppercased at once (`u8::to_ascii_uppercase` on
/// each byte; bytes that are not `a`-`z` are kept).
#[inline(always)]
pub const fn ascii_uppercase(word: u64) -> u64 {
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
