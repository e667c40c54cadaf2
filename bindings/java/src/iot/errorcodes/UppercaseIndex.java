package iot.errorcodes;

import java.util.Map;

/**
 * Values by the ASCII uppercase of their key, found without making a String: a string's uppercase
 * is packed into a {@code long} by {@link #key(String)} and looked up in an open-addressing table.
 * {@link IotErrorCodes} asks it for a code that missed its exact {@code HashMap} lookup ({@code
 * "d00004"}, {@code "g20903"}, {@code "x00004"}), so that case variants and unknown strings need
 * neither the native library nor an allocation. Immutable once made, so thread-safe.
 */
final class UppercaseIndex<V> {
    /** What {@link #key(String)} answers for a string that can name no code. */
    static final long NO_KEY = -1;
    /** Bits per character in a key: every ASCII character fits in 7. */
    private static final int BITS = 7;

    /** Keys of the slots, 0 where empty (no key is 0: each starts with a 1 bit). */
    private final long[] keys;
    private final Object[] values;
    /** The table has {@code 1 << (64 - shift)} slots. */
    private final int shift;

    /**
     * An index of the values of {@code byKey} under the uppercase of their keys, each of which must
     * be 1 to {@link Constants#MAX_CODE_LEN} ASCII characters.
     */
    UppercaseIndex(Map<String, V> byKey) {
        if (Constants.MAX_CODE_LEN * BITS + 1 > 63) {
            throw new IllegalStateException("a code of " + Constants.MAX_CODE_LEN + " characters does not fit in a long key");
        }
        int bits = 4;
        while (1 << bits < 4 * byKey.size()) {
            bits++;
        }
        keys = new long[1 << bits];
        values = new Object[1 << bits];
        shift = 64 - bits;
        for (Map.Entry<String, V> e : byKey.entrySet()) {
            long key = key(e.getKey());
            if (key == NO_KEY || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("not a code: " + e.getKey());
            }
            int slot = slot(key);
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            keys[slot] = key;
            values[slot] = e.getValue();
        }
    }

    /**
     * The value whose key is {@code s} up to ASCII case, or {@code null}. Only the letters 'a' to
     * 'z' fold: a string with any character beyond ASCII (the Kelvin sign, a dotless i, a long s,
     * which Unicode case mapping would turn into ASCII letters) finds nothing.
     */
    @SuppressWarnings("unchecked")
    V get(String s) {
        long key = key(s);
        if (key == NO_KEY) {
            return null;
        }
        for (int slot = slot(key); keys[slot] != 0; slot = (slot + 1) & (keys.length - 1)) {
            if (keys[slot] == key) {
                return (V) values[slot];
            }
        }
        return null;
    }

    /**
     * The ASCII uppercase of {@code s} packed into a long (a 1 bit, then 7 bits per character, so
     * that strings of different lengths differ), or {@link #NO_KEY} if {@code s} has more than
     * {@link Constants#MAX_CODE_LEN} characters or one beyond ASCII (0x7F). Never {@link
     * String#toUpperCase}, which would map some non-ASCII characters to ASCII ones.
     */
    static long key(String s) {
        int length = s.length();
        if (length > Constants.MAX_CODE_LEN) {
            return NO_KEY;
        }
        long key = 1;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c > 0x7F) {
                return NO_KEY;
            }
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            key = key << BITS | c;
        }
        return key;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
