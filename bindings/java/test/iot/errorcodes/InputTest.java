package iot.errorcodes;

import java.util.Arrays;
import java.util.Locale;

/** Language tags and locales, and input that is not a code: always a documented answer, never a throw. */
final class InputTest {
    private InputTest() {}

    private static final String CODE = "D00004";

    static void testLanguageTagsByPrimarySubtag() {
        String zh = Oracle.ZH.get(CODE);
        String en = Oracle.EN.get(CODE);
        for (String tag : Arrays.asList("en", "EN", "En", "en-US", "en_GB.UTF-8", "en@euro", "en-", "en-\u00e9", "en-\uD800")) {
            Check.equal(en, IotErrorCodes.describe(CODE, tag), "describe(" + CODE + ", " + tag + ")");
        }
        for (String tag : Arrays.asList("zh", "ZH", "zh-CN", "zh_Hant", "zh-TW")) {
            Check.equal(zh, IotErrorCodes.describe(CODE, tag), "describe(" + CODE + ", " + tag + ")");
        }
        // Languages without texts, and tags that are not languages, give the default (the spec's Chinese).
        for (String tag : Arrays.asList(null, "", "C", "POSIX", "fr", "fr-FR", "e", "eng", "english", "enUS",
                " en", "en\u0000", "\u0000", "e\u0000", "\uD800", "en\uD800", "\uDC00en", "\uFF45\uFF4E", "en".concat(new String(new char[100_000])))) {
            Check.equal(zh, IotErrorCodes.describe(CODE, tag), "describe(" + CODE + ", " + show(tag) + ")");
        }
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

    static void testInputThatIsNotACodeGivesNull() {
        StringBuilder huge = new StringBuilder(CODE);
        while (huge.length() < 1_000_000) {
            huge.append('0');
        }
        for (String bad : Arrays.asList(null, "", "D", "D0000", "D000040", "D00004 ", " D00004", "D 0004", "\tD00004",
                "X00000", "00000", "D00014", "G20903 ", "020903", "20903G",
                // NUL: inside, at the end, beyond the longest code.
                "D0000\u0000", "D00004\u0000", "\u0000D0000", "\u0000",
                // Unpaired surrogates, alone and in place of a character.
                "\uD800", "\uDC00", "D0000\uD800", "D0\uDC0004", "\uD83D\uDE00D000", "D00004\uD800",
                // Non-ASCII look-alikes: fullwidth, dotted, Cyrillic.
                "\uFF24\uFF10\uFF10\uFF10\uFF10\uFF14", "\u1E0A00004", "\u0410000001",
                // Characters whose low byte is an ASCII letter or digit (U+0144 'D', U+0130 '0').
                "\u014400004", "D\u013000004", "\u0144\u0130\u0130\u0130\u0130\u0134",
                huge.toString())) {
            String what = "(" + show(bad) + ")";
            Check.equal(null, IotErrorCodes.describe(bad), "describe" + what);
            Check.equal(null, IotErrorCodes.describe(bad, "en"), "describe(.., en)" + what);
            Check.equal(null, IotErrorCodes.describe(bad, Locale.US), "describe(.., US)" + what);
            Check.equal(null, IotErrorCodes.name(bad), "name" + what);
            Check.equal(null, IotErrorCodes.category(bad), "category" + what);
            Check.equal(null, ErrorCode.of(bad), "ErrorCode.of" + what);
        }
    }

    static void testCaseInsensitiveIsAsciiOnly() {
        String zh = Oracle.ZH.get("LC0001");
        for (String code : Arrays.asList("lc0001", "Lc0001", "lC0001")) {
            Check.equal(zh, IotErrorCodes.describe(code), "describe(" + code + ")");
        }
        // Java's toUpperCase would turn U+0131 (dotless i) into I; ASCII matching must not.
        Check.equal(null, IotErrorCodes.describe("L\u0131" + "0001"), "describe(dotless-i LI0001)");
        Check.equal(Oracle.ZH.get("LI0001"), IotErrorCodes.describe("li0001"), "describe(li0001)");
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
