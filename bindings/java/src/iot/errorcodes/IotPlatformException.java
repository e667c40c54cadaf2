package iot.errorcodes;

import java.util.Locale;

/**
 * An error answer of the UWS IoT platform, made from its {@code retCode} and, optionally, the
 * {@code retInfo} text the server sent with it. It behaves like the Python binding's {@code
 * IotPlatformError}.
 *
 * <p>For a code in the catalog, the message gives the code as the spec prints it, its symbolic name
 * and its description, then the server's text if it adds something (is neither empty nor the
 * description itself): {@code "D00004 TOKEN_EXPIRED: Token已过期，未通过token验证。 (retInfo: ...)"}.
 * The description is in the language of the {@code locale} given, by default the spec's Chinese,
 * as {@link IotErrorCodes#describe(String, Locale)} picks it; message and {@link #getDescription()}
 * use the same one. The success code {@code "00000"} says it is not an error. Any other code (or
 * {@code null}) still makes a usable exception: its message says the code is unknown, {@link
 * #getName()}, {@link #getCategory()}, {@link #getDescription()} and {@link #getStatus()} are
 * {@code null}, and {@link #isRetryable()} is {@code false}.
 *
 * <p>{@link #getStatus()} and {@link #isRetryable()} say what to do about it: send the request
 * again later if it is retryable, authenticate again on {@link Status#UNAUTHENTICATED}, else give up.
 */
public class IotPlatformException extends RuntimeException {
    private static final long serialVersionUID = 3L;

    private final String code;
    private final String retCode;
    private final String retInfo;
    private final String name;
    private final String category;
    private final Status status;
    private final String description;

    /** An exception for {@code retCode}, which may be {@code null} or unknown; texts in Chinese. */
    public IotPlatformException(String retCode) {
        this(retCode, null, null);
    }

    /**
     * An exception for {@code retCode} with the server's {@code retInfo} text (either may be {@code
     * null}); texts in Chinese.
     */
    public IotPlatformException(String retCode, String retInfo) {
        this(retCode, retInfo, null);
    }

    /**
     * An exception for {@code retCode} with the server's {@code retInfo} text (either may be {@code
     * null}), described in {@code locale}'s language ({@code null}, or a language without texts:
     * Chinese).
     */
    public IotPlatformException(String retCode, String retInfo, Locale locale) {
        this(retCode, retInfo, IotErrorCodes.entry(retCode), locale);
    }

    /** With the entry {@code retCode} resolved to ({@code null} if none), and the locale. */
    private IotPlatformException(String retCode, String retInfo, IotErrorCodes.Entry entry, Locale locale) {
        this(retCode, retInfo, entry, IotErrorCodes.description(entry, locale));
    }

    /** With the entry {@code retCode} resolved to ({@code null} if none), and its description. */
    private IotPlatformException(String retCode, String retInfo, IotErrorCodes.Entry entry, String description) {
        super(message(retCode, retInfo, entry, description));
        this.code = entry == null ? retCode : entry.code;
        this.retCode = retCode;
        this.retInfo = retInfo;
        this.name = entry == null ? null : entry.name;
        this.category = entry == null ? null : entry.category;
        this.status = entry != null ? entry.status : IotErrorCodes.isSuccess(retCode) ? Status.OK : null;
        this.description = description;
    }

    private static String message(String retCode, String retInfo, IotErrorCodes.Entry entry, String description) {
        String text;
        if (entry != null) {
            text = entry.code + " " + entry.name + ": " + description;
        } else if (IotErrorCodes.isSuccess(retCode)) {
            text = retCode + ": the success code, not an error";
        } else {
            text = retCode + ": unknown retCode (not in spec V" + IotErrorCodes.catalogVersion() + ")";
        }
        boolean addsSomething = retInfo != null && !retInfo.isEmpty() && !retInfo.equals(description);
        return addsSomething ? text + " (retInfo: " + retInfo + ")" : text;
    }

    /**
     * The retCode as the spec prints it for a code in the catalog ({@code "20903"} for {@code
     * "g20903"}), else as given; may be {@code null}.
     */
    public String getCode() {
        return code;
    }

    /** The retCode exactly as given, e.g. {@code "g20903"}; may be {@code null}. */
    public String getRetCode() {
        return retCode;
    }

    /** The server's {@code retInfo} text as given, or {@code null} if none was given. */
    public String getRetInfo() {
        return retInfo;
    }

    /** The symbolic name, e.g. {@code "TOKEN_EXPIRED"}, or {@code null} for a code not in the catalog. */
    public String getName() {
        return name;
    }

    /** The category, e.g. {@code "account"}, or {@code null} for a code not in the catalog. */
    public String getCategory() {
        return category;
    }

    /**
     * The code's canonical status, e.g. {@link Status#UNAUTHENTICATED} for {@code "D00004"}, as
     * {@link IotErrorCodes#status(String)} gives it: {@link Status#OK} for {@code "00000"}, {@code
     * null} for a code not in the catalog.
     */
    public Status getStatus() {
        return status;
    }

    /**
     * Whether the request may succeed if sent again later, with backoff: {@link #getStatus()} is
     * {@link Status#isRetryable() retryable}. {@code false} for a code not in the catalog, and for
     * {@link Status#UNAUTHENTICATED} (authenticate again first).
     */
    public boolean isRetryable() {
        return status != null && status.isRetryable();
    }

    /**
     * The description in the exception's language (the one the message uses), or {@code null} for
     * a code not in the catalog.
     */
    public String getDescription() {
        return description;
    }
}
