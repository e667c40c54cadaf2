package iot.errorcodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Language tags and locales, and input that is not a code: always a documented answer, never a throw. */
final class InputTest {
    private InputTest() {}

    private static final String CODE = "D00004";

    /** The tags of tests/vectors.txt, through the binding's tag cache twice (resolved, then cached). */
    static void testLanguageTagsByPrimarySubtag() {
        String zh = Oracle.ZH.get(CODE);
        String en = Oracle.EN.get(CODE);
        for (int round = 0; round < 2; round++) {
            for (String[] tag : Vectors.TAGS) {
                Check.equal(tag[1].equals("en") ? en : zh, IotErrorCodes.describe(CODE, tag[0]), "describe(" + CODE + ", " + show(tag[0]) + ")");
            }
            // Languages without texts, and tags that are not languages, give the default (the spec's Chinese).
            for (String tag : Vectors.NOTAGS) {
                Check.equal(zh, IotErrorCodes.describe(CODE, tag), "describe(" + CODE + ", " + show(tag) + ")");
            }
        }
        Check.equal(zh, IotErrorCodes.describe(CODE, (String) null), "describe(" + CODE + ", null)");
        // Only the first TAG_PREFIX_LEN characters are read: what follows them changes nothing.
        StringBuilder prefix = new StringBuilder("en");
        while (prefix.length() < Constants.TAG_PREFIX_LEN) {
            prefix.append('-');
        }
        String junk = new String(new char[100_000]);
        Check.equal(en, IotErrorCodes.describe(CODE, prefix + junk), "describe(" + CODE + ", " + prefix + " then NULs)");
        Check.equal(en, IotErrorCodes.describe(CODE, prefix + "\uD800" + junk), "describe(" + CODE + ", " + prefix + " then a surrogate)");
        Check.equal(zh, IotErrorCodes.describe(CODE, "en" + junk), "describe(" + CODE + ", en then NULs)");
    }

    /** The binding's own tag cache (tested alone in TagCacheTest) gives the same answers, full or not. */
    static void testManyDistinctTagsKeepTheirAnswers() {
        String zh = Oracle.ZH.get(CODE);
        String en = Oracle.EN.get(CODE);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3 * Constants.TAG_CACHE_MAX_ENTRIES; i++) {
                Check.equal(en, IotErrorCodes.describe(CODE, "en-y-" + i), "describe(" + CODE + ", en-y-" + i + ")");
                Check.equal(zh, IotErrorCodes.describe(CODE, "de-y-" + i), "describe(" + CODE + ", de-y-" + i + ")");
            }
        }
    }

    static void testLocales() {
        String zh = Oracle.ZH.get(CODE);
        String en = Oracle.EN.get(CODE);
        for (Locale l : Arrays.asList(Locale.ENGLISH, Locale.US, Locale.UK, Locale.CANADA, Locale.forLanguageTag("en-Latn-IN"), new Locale("EN"))) {
            Check.equal(en, IotErrorCodes.describe(CODE, l), "describe(" + CODE + ", " + l + ")");
        }
        for (Locale l : Arrays.asList(null, Locale.ROOT, Locale.CHINA, Locale.TAIWAN, Locale.CHINESE,
                Locale.SIMPLIFIED_CHINESE, Locale.forLanguageTag("zh-Hant-HK"), Locale.FRANCE, Locale.JAPAN)) {
            Check.equal(zh, IotErrorCodes.describe(CODE, l), "describe(" + CODE + ", " + l + ")");
        }
        Check.equal(null, IotErrorCodes.describe("X00000", Locale.US), "an unknown code in English");
        Check.equal(null, IotErrorCodes.describe(null, (Locale) null), "null code, null locale");
    }

    /** The misses of tests/vectors.txt, and strings that only Java has, through every entry point. */
    static void testInputThatIsNotACodeGivesNull() {
        List<String> bad = new ArrayList<String>(Vectors.MISSES);
        bad.addAll(Arrays.asList(null,
                // Characters whose low byte is an ASCII letter or digit (U+0144 'D', U+0130 '0'),
                // which a cast to byte would turn into a code.
                "\u014400004", "D\u013000004", "\u0144\u0130\u0130\u0130\u0130\u0134", "\u0164\u0130\u0130\u0130\u0130\u0134",
                // A case variant one character too long, and a code after a surrogate pair.
                "d000040", "\uD83D\uDE00D000"));
        for (String s : bad) {
            String what = "(" + show(s) + ")";
            Check.equal(null, IotErrorCodes.describe(s), "describe" + what);
            Check.equal(null, IotErrorCodes.describe(s, "en"), "describe(.., en)" + what);
            Check.equal(null, IotErrorCodes.describe(s, Locale.US), "describe(.., US)" + what);
            Check.equal(null, IotErrorCodes.name(s), "name" + what);
            Check.equal(null, IotErrorCodes.category(s), "category" + what);
            Check.equal(null, ErrorCode.of(s), "ErrorCode.of" + what);
            IotPlatformException e = new IotPlatformException(s);
            Check.equal(s, e.getCode(), "IotPlatformException.getCode" + what);
            Check.equal(null, e.getName(), "IotPlatformException.getName" + what);
        }
    }

    /** The hits of tests/vectors.txt (case variants, the alias), through every entry point. */
    static void testCaseVariantsAndTheAliasFindTheirCode() {
        for (String[] hit : Vectors.HITS) {
            String input = hit[0];
            String code = hit[1];
            String what = "(" + show(input) + ")";
            Check.equal(Oracle.ZH.get(code), IotErrorCodes.describe(input), "describe" + what);
            Check.equal(Oracle.EN.get(code), IotErrorCodes.describe(input, "en"), "describe(.., en)" + what);
            Check.equal(Oracle.EN.get(code), IotErrorCodes.describe(input, Locale.UK), "describe(.., UK)" + what);
            Check.equal(Oracle.NAME.get(code), IotErrorCodes.name(input), "name" + what);
            Check.equal(Oracle.category(code), IotErrorCodes.category(input), "category" + what);
            Check.equal(ErrorCode.valueOf(Oracle.NAME.get(code)), ErrorCode.of(input), "ErrorCode.of" + what);
            IotPlatformException e = new IotPlatformException(input);
            Check.equal(code, e.getCode(), "IotPlatformException.getCode" + what);
            Check.equal(input, e.getRetCode(), "IotPlatformException.getRetCode" + what);
        }
    }

    /** The reader of tests/vectors.txt decodes the escapes its header lists. */
    static void testTheVectorsReaderDecodesEscapes() {
        Check.equal("\t\n\u0000\\x", Vectors.decode("\\t\\n\\0\\\\x", "t"), "\\t \\n \\0 \\\\");
        Check.equal("\u212a0\uD800", Vectors.decode("\\u212a0\\ud800", "t"), "\\uXXXX");
        Check.equal("DDDD-", Vectors.decode("D\\*4-", "t"), "\\*N");
        Check.equal("e\u00e9\u00e9", Vectors.decode("e\\u00e9\\*2", "t"), "\\*N after an escape");
        for (String bad : Arrays.asList("\\xff", "\\u12", "\\q", "x\\", "\\*3", "D\\*", "D\\*0")) {
            Check.throwsA(IllegalStateException.class, () -> Vectors.decode(bad, "t"), "decode(" + bad + ")");
        }
        Check.isTrue(Vectors.MISSES.contains("D" + new String(new char[999_999]).replace('\0', 'D')), "the long miss D\\*1000000");
    }

    static void testIsSuccessIsExactly00000() {
        Check.isTrue(IotErrorCodes.isSuccess("00000"), "isSuccess(00000)");
        for (String s : Arrays.asList(null, "", "0", "0000", "000000", "00000 ", " 00000", "O0000", "00000\u0000", "\uFF10\uFF10\uFF10\uFF10\uFF10")) {
            Check.isTrue(!IotErrorCodes.isSuccess(s), "isSuccess(" + show(s) + ")");
        }
        Check.equal(null, IotErrorCodes.describe("00000"), "00000 is not in the catalog");
        for (String code : Oracle.codes()) {
            Check.isTrue(!IotErrorCodes.isSuccess(code), "isSuccess(" + code + ")");
        }
    }

    /** A string with its non-printable characters escaped, cut to 40 characters. */
    static String show(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.substring(0, Math.min(s.length(), 40)).toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return b.append(s.length() > 40 ? "...(" + s.length() + " chars)\"" : "\"").toString();
    }
}
