package iot.errorcodes;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The UWS IoT platform's retCode catalog: what a {@code retCode} such as {@code "D00004"} means.
 *
 * <p>A code matches exactly or ASCII case-insensitively ({@code "d00004"} finds {@code "D00004"}),
 * and the alias {@code "G20903"} finds {@code "20903"}; nothing is trimmed or guessed. Every method
 * answers {@code null} (or {@code false}, or 0) for a {@code null}, unknown or malformed code,
 * including strings with a NUL or an unpaired surrogate, and never throws. {@link #status(String)},
 * {@link #httpStatus(String)} and {@link #isRetryable(String)} say what to do with a code: retry
 * it later, authenticate again, or give up.
 *
 * <p>The class loads the native library {@code iot_error_codes} when first used, trying in order
 * {@code System.loadLibrary} (Android's {@code jniLibs/}, {@code -Djava.library.path}), the file
 * named by the system property {@code iot.errorcodes.library}, the file named by the environment
 * variable {@code IOT_ERROR_CODES_LIBRARY}, and the copy bundled in the JAR under {@code
 * /native/<os>-<arch>/}; a library found on the way that lacks the JNI entry points
 * or has another catalog than {@link ErrorCode} is passed over. It reads the whole catalog from
 * the library once, and then answers every code lookup from memory, without allocating: a code as
 * the platform sends it with one {@code HashMap} lookup, a case variant ({@code "d00004"}), the
 * alias or an unknown ASCII string no longer than a code with a second lookup by its ASCII
 * uppercase, anything longer with none. Only language tags other than "en" and "zh" go to the
 * native library, the first time each is seen (a bounded number of them is remembered). All
 * methods are thread-safe.
 *
 * <p>If the native library cannot be loaded, the first use throws {@link UnsatisfiedLinkError}
 * listing every place that was tried (and later uses {@link NoClassDefFoundError}).
 */
public final class IotErrorCodes {
    /** The language tags that have texts, index 0 the default (the spec's Chinese). */
    private static final String[] LANGUAGES;
    /**
     * Language tag to the index of its language in {@link #LANGUAGES}: the tags of {@link
     * #LANGUAGES} from the start, other tags once the native library has resolved them.
     */
    private static final TagCache TAGS;
    /**
     * Code, exactly as the spec prints it, and each alias of {@link Constants#ALIASES} (all in
     * uppercase ASCII), to its entry.
     */
    private static final Map<String, Entry> BY_CODE = new HashMap<String, Entry>();
    /** The same entries by the ASCII uppercase of what names them, for the other spellings. */
    private static final UppercaseIndex<Entry> BY_UPPERCASE;
    /** Every code in spec order, as {@link #codes()} gives it (unmodifiable). */
    private static final List<String> CODES;
    /** The native library's version, from its Cargo.toml, as {@link #version()} gives it. */
    private static final String VERSION;

    /** One code of the catalog, with its status and its texts in the order of {@link #LANGUAGES}. */
    static final class Entry {
        final String code;
        final String name;
        final String category;
        final Status status;
        final String[] descriptions;

        Entry(String code, String name, String category, Status status, String[] descriptions) {
            this.code = code;
            this.name = name;
            this.category = category;
            this.status = status;
            this.descriptions = descriptions;
        }
    }

    /**
     * What the native library gave: its languages, its catalog and its constants, read once when the
     * library is loaded and checked against the {@link ErrorCode} and {@link Constants} compiled
     * into these classes.
     */
    private static final class NativeData {
        final String[] languages = nativeLanguages();
        final String[] catalog = nativeCatalog();
        final String[] constants = nativeConstants();

        /**
         * {@code null} if the library's catalog is the one {@link ErrorCode} and {@link Constants}
         * were generated from (the same codes with the same names and categories, in the same order;
         * the same spec version, success code and aliases), else how it differs.
         */
        String problem() {
            if (languages == null || catalog == null || constants == null) {
                throw new OutOfMemoryError("iot_error_codes: could not read the catalog from the native library");
            }
            if (languages.length == 0 || constants.length != 3) {
                return "the library gave " + languages.length + " languages and " + constants.length
                        + " constants, expected at least 1 and 3";
            }
            String version = "the library (version " + constants[0] + ", spec V" + constants[1] + ") ";
            ErrorCode[] expected = ErrorCode.values();
            int width = 3 + languages.length;
            if (catalog.length % width != 0 || catalog.length / width != expected.length) {
                return version + "gave a catalog of " + catalog.length + " strings, expected " + expected.length
                        + " rows of " + width + " (" + expected.length * width + "): it is from another build than these classes";
            }
            for (int i = 0; i < expected.length; i++) {
                ErrorCode c = expected[i];
                int row = i * width;
                if (!c.code().equals(catalog[row]) || !c.name().equals(catalog[row + 1]) || !c.category().equals(catalog[row + 2])) {
                    return version + "has " + catalog[row] + " " + catalog[row + 1] + " (" + catalog[row + 2] + ") where these classes have "
                            + c.code() + " " + c.name() + " (" + c.category() + "): it is from another build than these classes";
                }
            }
            if (!Constants.CATALOG_VERSION.equals(constants[1]) || !Constants.SUCCESS_CODE.equals(constants[2])) {
                return version + "has the success code " + constants[2] + " where these classes have spec V" + Constants.CATALOG_VERSION
                        + " and the success code " + Constants.SUCCESS_CODE + ": it is from another build than these classes";
            }
            // The aliases are answered from Constants; the library must resolve them alike.
            for (int i = 0; i < Constants.ALIASES.length; i += 2) {
                int index = nativeResolve(Constants.ALIASES[i]);
                String code = index >= 0 && index < expected.length ? expected[index].code() : "nothing";
                if (!code.equals(Constants.ALIASES[i + 1])) {
                    return version + "resolves the alias " + Constants.ALIASES[i] + " to " + code + " where these classes have "
                            + Constants.ALIASES[i + 1] + ": it is from another build than these classes";
                }
            }
            return null;
        }
    }

    static {
        final NativeData[] read = new NativeData[1];
        NativeLibrary.load(() -> {
            NativeData data = new NativeData();
            String problem = data.problem();
            read[0] = problem == null ? data : null;
            return problem;
        });
        String[] languages = read[0].languages;
        String[] catalog = read[0].catalog;
        String[] constants = read[0].constants;
        LANGUAGES = languages;
        TAGS = new TagCache(languages, IotErrorCodes::nativeLanguage);
        int width = 3 + languages.length;
        String[] codes = new String[catalog.length / width];
        // The library's rows are those of ErrorCode, in its order (NativeData.problem checked it);
        // the status comes from ErrorCode, which has it from names.tsv as the library does.
        ErrorCode[] enumConstants = ErrorCode.values();
        for (int i = 0; i < codes.length; i++) {
            int row = i * width;
            Entry e = new Entry(catalog[row], catalog[row + 1], catalog[row + 2], enumConstants[i].status(),
                    Arrays.copyOfRange(catalog, row + 3, row + width));
            BY_CODE.put(e.code, e);
            codes[i] = e.code;
        }
        for (int i = 0; i < Constants.ALIASES.length; i += 2) {
            BY_CODE.put(Constants.ALIASES[i], BY_CODE.get(Constants.ALIASES[i + 1]));
        }
        BY_UPPERCASE = new UppercaseIndex<Entry>(BY_CODE);
        CODES = Collections.unmodifiableList(Arrays.asList(codes));
        VERSION = constants[0];
    }

    private IotErrorCodes() {}

    /**
     * The spec's own description (Simplified Chinese) of a retCode, e.g. {@code "Token已过期，未通过token验证。"}
     * for {@code "D00004"}; {@code null} if {@code code} is {@code null} or not in the catalog.
     */
    public static String describe(String code) {
        Entry e = entry(code);
        return e == null ? null : e.descriptions[0];
    }

    /**
     * The description of a retCode in the language of {@code lang}, a BCP 47 or POSIX tag matched by
     * its primary subtag ({@code "en"}, {@code "EN"}, {@code "en-US"} and {@code "en_GB.UTF-8"} give
     * English; {@code "zh"}, {@code "zh-CN"} the spec's Chinese). A {@code null} tag or one of a
     * language without texts gives Chinese. {@code null} if {@code code} is {@code null} or not in
     * the catalog.
     */
    public static String describe(String code, String lang) {
        return description(entry(code), lang);
    }

    /**
     * The description of a retCode in {@code locale}'s language ({@link Locale#ENGLISH}, {@link
     * Locale#US}: English; {@link Locale#CHINA}, {@link Locale#TAIWAN}: the spec's Chinese). A
     * {@code null} locale or one of a language without texts gives Chinese. {@code null} if {@code
     * code} is {@code null} or not in the catalog.
     */
    public static String describe(String code, Locale locale) {
        return description(entry(code), locale);
    }

    /**
     * The symbolic name of a retCode, e.g. {@code "TOKEN_EXPIRED"} for {@code "D00004"}: the name of
     * its {@link ErrorCode} constant, stable across releases. {@code null} if {@code code} is {@code
     * null} or not in the catalog.
     */
    public static String name(String code) {
        Entry e = entry(code);
        return e == null ? null : e.name;
    }

    /**
     * The category of a retCode by its letter, e.g. {@code "account"} for {@code "D00004"}
     * ({@code "20903"} is {@code "device"}). {@code null} if {@code code} is {@code null} or not in
     * the catalog.
     */
    public static String category(String code) {
        Entry e = entry(code);
        return e == null ? null : e.category;
    }

    /** Every code of the catalog in the spec's order (90 for spec V1.3.0), as an unmodifiable list. */
    public static List<String> codes() {
        return CODES;
    }

    /** The version of the platform spec the catalog comes from, e.g. {@code "1.3.0"}. */
    public static String catalogVersion() {
        return Constants.CATALOG_VERSION;
    }

    /** The version of the native library, as in its Cargo.toml ({@code "MAJOR.MINOR.PATCH"}). */
    public static String version() {
        return VERSION;
    }

    /**
     * Whether {@code code} is the platform's success retCode {@code "00000"}, exactly. It is not an
     * error and not in the catalog. {@code false} for {@code null}.
     */
    public static boolean isSuccess(String code) {
        return Constants.SUCCESS_CODE.equals(code);
    }

    /**
     * The canonical status of a retCode, which says what a program should do with it: {@link
     * Status#OK} for the success code {@code "00000"}, the code's status for a code of the catalog
     * (e.g. {@link Status#UNAUTHENTICATED} for {@code "D00004"}, matched as {@link
     * #describe(String)} matches), {@code null} for {@code null} or anything else.
     */
    public static Status status(String code) {
        if (isSuccess(code)) {
            return Status.OK;
        }
        Entry e = entry(code);
        return e == null ? null : e.status;
    }

    /**
     * The HTTP status of a retCode's {@link #status(String) status} in gRPC's published mapping,
     * e.g. 401 for {@code "D00004"}, 503 for {@code "A00001"}; 200 for {@code "00000"}; 0 for {@code
     * null} or a string that is no retCode.
     */
    public static int httpStatus(String code) {
        Status s = status(code);
        return s == null ? 0 : s.httpStatus();
    }

    /**
     * Whether the request that got this retCode may succeed if sent again later, with backoff: the
     * code's {@link #status(String) status} is {@link Status#isRetryable() retryable} ({@code
     * UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED} or {@code ABORTED}).
     * {@code false} for {@code "00000"}, {@code null} and anything that is no retCode, and for
     * {@code UNAUTHENTICATED} codes such as {@code "D00004"}: authenticate again first.
     */
    public static boolean isRetryable(String code) {
        Status s = status(code);
        return s != null && s.isRetryable();
    }

    /** The description of {@code e} in {@code locale}'s language, as {@link #describe(String, Locale)}; {@code null} for {@code null}. */
    static String description(Entry e, Locale locale) {
        return description(e, locale == null ? null : locale.getLanguage());
    }

    /** The description of {@code e} in the language of {@code lang}, as {@link #describe(String, String)}; {@code null} for {@code null}. */
    static String description(Entry e, String lang) {
        return e == null ? null : e.descriptions[TAGS.languageIndex(lang)];
    }

    /**
     * The entry a code names (exactly, ASCII case-insensitively, or by alias), or {@code null}: the
     * code as given from {@link #BY_CODE}, else its ASCII uppercase from {@link #BY_UPPERCASE}.
     */
    static Entry entry(String code) {
        if (code == null || code.length() > Constants.MAX_CODE_LEN) {
            return null;
        }
        Entry e = BY_CODE.get(code);
        return e != null ? e : BY_UPPERCASE.get(code);
    }

    // Implemented in Rust, src/jni.rs. None throws; see there for the layout of the arrays.
    // nativeResolve serves only the load-time check of the aliases: lookups are answered from memory.
    private static native String[] nativeCatalog();

    private static native String[] nativeLanguages();

    private static native String[] nativeConstants();

    private static native int nativeResolve(String code);

    private static native int nativeLanguage(String tag);
}
