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
 * answers {@code null} (or {@code false}) for a {@code null}, unknown or malformed code, including
 * strings with a NUL or an unpaired surrogate, and never throws.
 *
 * <p>The class loads the native library {@code iot_error_codes} when first used, trying in order
 * {@code System.loadLibrary} (Android's {@code jniLibs/}, {@code -Djava.library.path}), the file
 * named by the system property {@code iot.errorcodes.library}, and the copy bundled in the JAR
 * under {@code /native/<os>-<arch>/}; a library found on the way that lacks the JNI entry points
 * or has another catalog than {@link ErrorCode} is passed over. It reads the whole catalog from
 * the library once. Lookups of a code as the platform sends it are then answered from memory;
 * only other spellings (case variants, the alias, unknown input) go to the native library. So do
 * language tags other than "en" and "zh", the first time each is seen (the first 64 such tags of
 * up to 32 characters are remembered). All methods are thread-safe.
 *
 * <p>If the native library cannot be loaded, the first use throws {@link UnsatisfiedLinkError}
 * listing every place that was tried (and later uses {@link NoClassDefFoundError}).
 */
public final class IotErrorCodes {
    /** The native library's answer for "no such code or language". */
    private static final int NOT_FOUND = -1;

    /** The language tags that have texts, index 0 the default (the spec's Chinese). */
    private static final String[] LANGUAGES;
    /**
     * Language tag to the index of its language in {@link #LANGUAGES}: the tags of {@link
     * #LANGUAGES} from the start, other tags once the native library has resolved them.
     */
    private static final TagCache TAGS;
    /** Every entry, in spec order. */
    private static final Entry[] ENTRIES;
    /** Code, exactly as the spec prints it, to its entry. */
    private static final Map<String, Entry> BY_CODE = new HashMap<String, Entry>();
    /** Every code in spec order, as {@link #codes()} gives it (unmodifiable). */
    private static final List<String> CODES;
    /** The native library's version, from its Cargo.toml, as {@link #version()} gives it. */
    private static final String VERSION;
    /** The version of the spec the catalog comes from, as {@link #catalogVersion()} gives it. */
    private static final String CATALOG_VERSION;
    /** The platform's success retCode ({@code "00000"}), from the native library. */
    private static final String SUCCESS_CODE;

    /** One code of the catalog, with its texts in the order of {@link #LANGUAGES}. */
    static final class Entry {
        final String code;
        final String name;
        final String category;
        final String[] descriptions;

        Entry(String code, String name, String category, String[] descriptions) {
            this.code = code;
            this.name = name;
            this.category = category;
            this.descriptions = descriptions;
        }
    }

    /**
     * What the native library gave: its languages, its catalog and its constants, read once when the
     * library is loaded and checked against the {@link ErrorCode} constants compiled into this class.
     */
    private static final class NativeData {
        final String[] languages = nativeLanguages();
        final String[] catalog = nativeCatalog();
        final String[] constants = nativeConstants();

        /**
         * {@code null} if the library's catalog is the one {@link ErrorCode} was generated from (the
         * same codes with the same names and categories, in the same order), else how it differs.
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
        ENTRIES = new Entry[catalog.length / width];
        String[] codes = new String[ENTRIES.length];
        for (int i = 0; i < ENTRIES.length; i++) {
            int row = i * width;
            Entry e = new Entry(catalog[row], catalog[row + 1], catalog[row + 2],
                    Arrays.copyOfRange(catalog, row + 3, row + width));
            ENTRIES[i] = e;
            BY_CODE.put(e.code, e);
            codes[i] = e.code;
        }
        CODES = Collections.unmodifiableList(Arrays.asList(codes));
        VERSION = constants[0];
        CATALOG_VERSION = constants[1];
        SUCCESS_CODE = constants[2];
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
        return CATALOG_VERSION;
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
        return SUCCESS_CODE.equals(code);
    }

    /** The description of {@code e} in {@code locale}'s language, as {@link #describe(String, Locale)}; {@code null} for {@code null}. */
    static String description(Entry e, Locale locale) {
        return description(e, locale == null ? null : locale.getLanguage());
    }

    /** The description of {@code e} in the language of {@code lang}, as {@link #describe(String, String)}; {@code null} for {@code null}. */
    static String description(Entry e, String lang) {
        return e == null ? null : e.descriptions[TAGS.languageIndex(lang)];
    }

    /** The entry a code names, from memory when spelled as in the spec, else from the native matcher. */
    static Entry entry(String code) {
        if (code == null) {
            return null;
        }
        Entry e = BY_CODE.get(code);
        if (e != null) {
            return e;
        }
        int index = nativeResolve(code);
        return index == NOT_FOUND ? null : ENTRIES[index];
    }

    // Implemented in Rust, src/jni.rs. None throws; see there for the layout of the arrays.
    private static native String[] nativeCatalog();

    private static native String[] nativeLanguages();

    private static native String[] nativeConstants();

    private static native int nativeResolve(String code);

    private static native int nativeLanguage(String tag);
}
