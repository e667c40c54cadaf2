package iot.errorcodes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The index of codes by their ASCII uppercase, alone (InputTest checks it through IotErrorCodes). */
final class UppercaseIndexTest {
    private UppercaseIndexTest() {}

    static void testKeysFoldAsciiLettersOnly() {
        Check.equal(UppercaseIndex.key("D00004"), UppercaseIndex.key("d00004"), "key(d00004)");
        Check.equal(UppercaseIndex.key("LC0001"), UppercaseIndex.key("lC0001"), "key(lC0001)");
        Check.equal(UppercaseIndex.key("AZ@[`{"), UppercaseIndex.key("az@[`{"), "the letters' neighbours");
        Check.isTrue(UppercaseIndex.key("@[") != UppercaseIndex.key("`{"), "@[ and `{ stay apart");
        Check.isTrue(UppercaseIndex.key("D00004") != UppercaseIndex.key("D00004\u0000"), "a NUL at the end counts");
        Check.isTrue(UppercaseIndex.key("20903") != UppercaseIndex.key("\u000020903"), "a NUL in front counts");
        Check.isTrue(UppercaseIndex.key("") != UppercaseIndex.NO_KEY, "the empty string has a key");
        Check.equal(UppercaseIndex.NO_KEY, UppercaseIndex.key("d000040"), "one character too many");
        // Characters that Unicode case mapping would turn into ASCII letters, and others beyond ASCII.
        for (String s : Arrays.asList("\u212a00001", "d0000\u0131", "\u017f00001", "\u00df", "\uff44", "d\u0080", "d\uD800")) {
            Check.equal(UppercaseIndex.NO_KEY, UppercaseIndex.key(s), "key(" + InputTest.show(s) + ")");
        }
    }

    static void testGetFindsEveryCaseVariantAndNothingElse() {
        Map<String, Integer> byCode = new HashMap<String, Integer>();
        for (int i = 0; i < Oracle.codes().size(); i++) {
            byCode.put(Oracle.codes().get(i), i);
        }
        UppercaseIndex<Integer> index = new UppercaseIndex<Integer>(byCode);
        for (int i = 0; i < Oracle.codes().size(); i++) {
            String code = Oracle.codes().get(i);
            char[] mixed = code.toCharArray();
            for (int c = 0; c < mixed.length; c += 2) {
                mixed[c] = Character.toLowerCase(mixed[c]);
            }
            for (String variant : Arrays.asList(code, code.toLowerCase(java.util.Locale.ROOT), new String(mixed))) {
                Check.equal(i, index.get(variant), "get(" + variant + ")");
            }
            Check.equal(null, index.get(code.substring(1)), "get(" + code.substring(1) + ")");
            Check.equal(null, index.get(code + "0"), "get(" + code + "0)");
        }
        for (String miss : Arrays.asList("", "X00000", "\u0000", "d0000\u0131", "\u212a00001")) {
            Check.equal(null, index.get(miss), "get(" + InputTest.show(miss) + ")");
        }
    }

    static void testOnlyCodesCanBeKeys() {
        for (String bad : Arrays.asList("", "D000040", "D0000\u00e9")) {
            Map<String, Integer> byCode = new HashMap<String, Integer>();
            byCode.put(bad, 1);
            Check.throwsA(IllegalArgumentException.class, () -> new UppercaseIndex<Integer>(byCode), "a key " + InputTest.show(bad));
        }
    }
}
