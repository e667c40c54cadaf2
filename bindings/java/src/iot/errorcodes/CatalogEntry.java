package iot.errorcodes;

import java.util.Locale;

/**
 * One code of a {@link Catalog}: its code, symbolic name, category, status, description and hint.
 * Immutable and thread-safe; get one from {@link Catalog#entry(String)}.
 */
public final class CatalogEntry {
    private final String code;
    private final String name;
    private final String category;
    private final Status status;
    /** In the order of the native library's languages, the default (Chinese) first. */
    private final String[] descriptions;
    /** The same order; {@code null} where the table has no hint. */
    private final String[] hints;

    CatalogEntry(String code, String name, String category, Status status, String[] descriptions, String[] hints) {
        this.code = code;
        this.name = name;
        this.category = category;
        this.status = status;
        this.descriptions = descriptions;
        this.hints = hints;
    }

    /** The code as the catalog's table spells it, e.g. {@code "D00004"} (or {@code "20903"}). */
    public String code() {
        return code;
    }

    /** The symbolic name, e.g. {@code "TOKEN_EXPIRED"}: one meaning in every catalog. */
    public String name() {
        return name;
    }

    /** The category's name, e.g. {@code "account"}. */
    public String category() {
        return category;
    }

    /** The canonical status: what to do with the code. */
    public Status status() {
        return status;
    }

    /** The HTTP status of gRPC's mapping of {@link #status()}. */
    public int httpStatus() {
        return status.httpStatus();
    }

    /** Whether the request may succeed if sent again later, with backoff. */
    public boolean isRetryable() {
        return status.isRetryable();
    }

    /** The description in {@code locale}'s language: the table's Chinese unless it is English. */
    public String description(Locale locale) {
        return description(locale == null ? null : locale.getLanguage());
    }

    /** The description in the language of the tag {@code lang}, as {@link IotErrorCodes#describe(String, String)}. */
    public String description(String lang) {
        return descriptions[IotErrorCodes.languageIndex(lang)];
    }

    /**
     * What to try, in {@code locale}'s language: the vendor's hint verbatim in Chinese, ours in
     * English; {@code null} when the table has none for the code (the default catalog never does).
     */
    public String hint(Locale locale) {
        return hint(locale == null ? null : locale.getLanguage());
    }

    /** {@link #hint(Locale)} for the language of the tag {@code lang}. */
    public String hint(String lang) {
        return hints[IotErrorCodes.languageIndex(lang)];
    }

    @Override
    public String toString() {
        return code + " " + name;
    }
}
