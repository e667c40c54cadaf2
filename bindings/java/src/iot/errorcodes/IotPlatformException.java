package iot.errorcodes;

/**
 * An error answer of the UWS IoT platform, made from its {@code retCode} and, optionally, the
 * {@code retInfo} text the server sent with it.
 *
 * <p>The message gives the code, its symbolic name and its English description, then the server's
 * text if there was one: {@code "D00004 TOKEN_EXPIRED: Token has expired; token verification
 * failed (retInfo: ...)"}. A code that is not in the catalog (or {@code null}) still makes a usable
 * exception: its message says the code is unknown, and {@link #getName()}, {@link #getCategory()}
 * and {@link #getDescription()} are {@code null}.
 */
public class IotPlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String retInfo;
    private final String name;
    private final String category;
    private final String description;

    /** An exception for {@code retCode}, which may be {@code null} or unknown. */
    public IotPlatformException(String retCode) {
        this(retCode, null);
    }

    /** An exception for {@code retCode} with the server's {@code retInfo} text (either may be {@code null}). */
    public IotPlatformException(String retCode, String retInfo) {
        super(message(retCode, retInfo));
        this.code = retCode;
        this.retInfo = retInfo;
        this.name = IotErrorCodes.name(retCode);
        this.category = IotErrorCodes.category(retCode);
        this.description = IotErrorCodes.describe(retCode);
    }

    private static String message(String code, String retInfo) {
        String name = IotErrorCodes.name(code);
        String text = name == null
                ? code + ": unknown retCode (not in the UWS error-code spec V" + IotErrorCodes.catalogVersion() + ")"
                : code + " " + name + ": " + IotErrorCodes.describe(code, "en");
        return retInfo == null ? text : text + " (retInfo: " + retInfo + ")";
    }

    /** The retCode as given, e.g. {@code "D00004"}; may be {@code null}. */
    public String getCode() {
        return code;
    }

    /** The server's {@code retInfo} text, or {@code null} if none was given. */
    public String getRetInfo() {
        return retInfo;
    }

    /** The symbolic name, e.g. {@code "TOKEN_EXPIRED"}, or {@code null} for an unknown code. */
    public String getName() {
        return name;
    }

    /** The category, e.g. {@code "account"}, or {@code null} for an unknown code. */
    public String getCategory() {
        return category;
    }

    /** The spec's (Chinese) description, or {@code null} for an unknown code. */
    public String getDescription() {
        return description;
    }
}
