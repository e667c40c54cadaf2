package iot.errorcodes;

import java.util.List;
import java.util.Locale;

/** Every code of the spec, with both texts, its name and category, through every entry point. */
final class CatalogTest {
    private CatalogTest() {}

    static void testCodesAreTheSpecsInOrder() {
        Check.equal(Oracle.codes(), IotErrorCodes.codes(), "codes()");
        Check.isTrue(Oracle.codes().size() >= 90, "the oracle found " + Oracle.codes().size() + " codes");
        Check.throwsA(UnsupportedOperationException.class, () -> IotErrorCodes.codes().add("X00001"), "codes().add");
        Check.throwsA(UnsupportedOperationException.class, () -> IotErrorCodes.codes().set(0, "X00001"), "codes().set");
    }

    static void testEveryCodeHasTheSpecTextAndTheEnglishText() {
        for (String code : Oracle.codes()) {
            String zh = Oracle.ZH.get(code);
            String en = Oracle.EN.get(code);
            Check.equal(zh, IotErrorCodes.describe(code), "describe(" + code + ")");
            Check.equal(zh, IotErrorCodes.describe(code, "zh"), "describe(" + code + ", zh)");
            Check.equal(zh, IotErrorCodes.describe(code, Locale.CHINA), "describe(" + code + ", CHINA)");
            Check.equal(zh, IotErrorCodes.describe(code.toLowerCase(Locale.ROOT)), "describe(lowercase " + code + ")");
            Check.equal(en, IotErrorCodes.describe(code, "en"), "describe(" + code + ", en)");
            Check.equal(en, IotErrorCodes.describe(code, Locale.US), "describe(" + code + ", US)");
            Check.equal(en, IotErrorCodes.describe(code.toLowerCase(Locale.ROOT), "en-GB"), "describe(lowercase " + code + ", en-GB)");
        }
    }

    static void testEveryCodeHasItsNameAndCategory() {
        for (String code : Oracle.codes()) {
            Check.equal(Oracle.NAME.get(code), IotErrorCodes.name(code), "name(" + code + ")");
            Check.equal(Oracle.category(code), IotErrorCodes.category(code), "category(" + code + ")");
            Check.isTrue(IotErrorCodes.category(code) != null, "category(" + code + ") is null");
        }
        Check.equal("device", IotErrorCodes.category("20903"), "the letterless 20903 takes its alias's category");
    }

    static void testTheAliasFindsItsCode() {
        Check.isTrue(!Oracle.ALIAS.isEmpty(), "names.tsv has an alias");
        for (String alias : Oracle.ALIAS.keySet()) {
            String code = Oracle.ALIAS.get(alias);
            Check.equal(Oracle.ZH.get(code), IotErrorCodes.describe(alias), "describe(" + alias + ")");
            Check.equal(Oracle.EN.get(code), IotErrorCodes.describe(alias.toLowerCase(Locale.ROOT), Locale.ENGLISH), "describe(lowercase alias)");
            Check.equal(Oracle.NAME.get(code), IotErrorCodes.name(alias), "name(" + alias + ")");
            Check.equal(Oracle.category(code), IotErrorCodes.category(alias), "category(" + alias + ")");
            Check.equal(ErrorCode.valueOf(Oracle.NAME.get(code)), ErrorCode.of(alias), "ErrorCode.of(" + alias + ")");
            Check.isTrue(!IotErrorCodes.codes().contains(alias), "codes() lists the alias " + alias);
        }
    }

    static void testTheEnumHasOneConstantPerSpecCodeInOrder() {
        ErrorCode[] values = ErrorCode.values();
        List<String> codes = Oracle.codes();
        Check.equal(codes.size(), values.length, "ErrorCode.values().length");
        for (int i = 0; i < values.length; i++) {
            ErrorCode c = values[i];
            String code = codes.get(i);
            Check.equal(code, c.code(), "ErrorCode #" + i);
            Check.equal(Oracle.NAME.get(code), c.name(), "the constant of " + code);
            Check.equal(Oracle.category(code), c.category(), c + ".category()");
            Check.equal(Oracle.ZH.get(code), c.describe(), c + ".describe()");
            Check.equal(Oracle.EN.get(code), c.describe("en_US.UTF-8"), c + ".describe(en_US.UTF-8)");
            Check.equal(Oracle.EN.get(code), c.describe(Locale.UK), c + ".describe(UK)");
            Check.equal(code, c.toString(), c + ".toString()");
            Check.equal(c, ErrorCode.of(code), "ErrorCode.of(" + code + ")");
            Check.equal(c, ErrorCode.of(code.toLowerCase(Locale.ROOT)), "ErrorCode.of(lowercase " + code + ")");
        }
    }

    static void testVersions() {
        Check.equal(Oracle.SPEC_VERSION, IotErrorCodes.catalogVersion(), "catalogVersion()");
        if (Oracle.CRATE_VERSION != null) {
            Check.equal(Oracle.CRATE_VERSION, IotErrorCodes.version(), "version()");
        } else {
            // Run without -Diot.errorcodes.crateVersion (build.sh test by hand): the form only.
            Check.isTrue(IotErrorCodes.version().matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+].*)?"), "version() " + IotErrorCodes.version());
            System.out.println("note: without IOT_ERROR_CODES_CRATE_VERSION, version() was checked for its form only");
        }
    }
}
