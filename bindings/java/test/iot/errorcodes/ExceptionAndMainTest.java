package iot.errorcodes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Map;

/** IotPlatformException and the command line of Main. */
final class ExceptionAndMainTest {
    private ExceptionAndMainTest() {}

    static void testExceptionForAKnownCode() {
        IotPlatformException e = new IotPlatformException("D00004");
        Check.isTrue(e instanceof RuntimeException, "is a RuntimeException");
        Check.equal("D00004", e.getCode(), "getCode()");
        Check.equal("D00004", e.getRetCode(), "getRetCode()");
        Check.equal(Oracle.NAME.get("D00004"), e.getName(), "getName()");
        Check.equal(Oracle.category("D00004"), e.getCategory(), "getCategory()");
        Check.equal(null, e.getRetInfo(), "getRetInfo()");
        // Like Python's IotPlatformError: the spec's Chinese by default, in the message too.
        Check.equal(Oracle.ZH.get("D00004"), e.getDescription(), "getDescription()");
        Check.equal("D00004 " + Oracle.NAME.get("D00004") + ": " + Oracle.ZH.get("D00004"), e.getMessage(), "getMessage()");
    }

    static void testExceptionGivesTheSpecCodeAndKeepsTheOneGiven() {
        IotPlatformException e = new IotPlatformException("g20903", "主数据访问异常 (trace 42)");
        Check.equal("20903", e.getCode(), "getCode() of the alias is the spec's code");
        Check.equal("g20903", e.getRetCode(), "getRetCode() is the code as given");
        Check.equal(Oracle.NAME.get("20903"), e.getName(), "getName() of the alias");
        Check.equal("主数据访问异常 (trace 42)", e.getRetInfo(), "getRetInfo()");
        Check.equal("20903 " + Oracle.NAME.get("20903") + ": " + Oracle.ZH.get("20903") + " (retInfo: 主数据访问异常 (trace 42))",
                e.getMessage(), "getMessage()");
        e = new IotPlatformException("d00004");
        Check.equal("D00004", e.getCode(), "getCode() of a lowercase code");
        Check.equal("d00004", e.getRetCode(), "getRetCode() of a lowercase code");
        Check.isTrue(e.getMessage().startsWith("D00004 "), "getMessage() starts with the spec's code: " + e.getMessage());
    }

    static void testExceptionInALocaleUsesItForMessageAndDescription() {
        IotPlatformException e = new IotPlatformException("D00004", "token expired", Locale.US);
        Check.equal(Oracle.EN.get("D00004"), e.getDescription(), "getDescription() in English");
        Check.equal("D00004 " + Oracle.NAME.get("D00004") + ": " + Oracle.EN.get("D00004") + " (retInfo: token expired)",
                e.getMessage(), "getMessage() in English");
        for (Locale chinese : new Locale[] {null, Locale.CHINA, Locale.FRANCE}) {
            e = new IotPlatformException("D00004", null, chinese);
            Check.equal(Oracle.ZH.get("D00004"), e.getDescription(), "getDescription() in " + chinese);
            Check.equal("D00004 " + Oracle.NAME.get("D00004") + ": " + Oracle.ZH.get("D00004"), e.getMessage(), "getMessage() in " + chinese);
        }
    }

    static void testRetInfoIsAddedOnlyWhenItAddsSomething() {
        String zh = Oracle.ZH.get("D00004");
        String en = Oracle.EN.get("D00004");
        String plain = "D00004 " + Oracle.NAME.get("D00004") + ": ";
        Check.equal(plain + zh, new IotPlatformException("D00004", zh).getMessage(), "retInfo that is the description");
        Check.equal(plain + zh, new IotPlatformException("D00004", "").getMessage(), "empty retInfo");
        Check.equal(plain + en, new IotPlatformException("D00004", en, Locale.US).getMessage(), "retInfo that is the English description");
        Check.equal(plain + en + " (retInfo: " + zh + ")", new IotPlatformException("D00004", zh, Locale.US).getMessage(),
                "the Chinese text as retInfo of an English exception");
        Check.equal(zh, new IotPlatformException("D00004", zh).getRetInfo(), "getRetInfo() keeps it all the same");
    }

    static void testExceptionForTheSuccessCode() {
        IotPlatformException e = new IotPlatformException("00000", "ok");
        Check.equal("00000: the success code, not an error (retInfo: ok)", e.getMessage(), "getMessage()");
        Check.equal("00000", e.getCode(), "getCode()");
        Check.equal(null, e.getName(), "getName()");
        Check.equal(null, e.getDescription(), "getDescription()");
    }

    static void testExceptionForAnUnknownCode() {
        for (String code : new String[] {"X12345", null, "", "D0000\u0000", "00000 "}) {
            IotPlatformException e = new IotPlatformException(code, "server text");
            Check.equal(code, e.getCode(), "getCode()");
            Check.equal(code, e.getRetCode(), "getRetCode()");
            Check.equal(null, e.getName(), "getName()");
            Check.equal(null, e.getCategory(), "getCategory()");
            Check.equal(null, e.getDescription(), "getDescription()");
            Check.equal(code + ": unknown retCode (not in spec V" + Oracle.SPEC_VERSION + ") (retInfo: server text)",
                    e.getMessage(), "getMessage()");
        }
        Check.equal("X1: unknown retCode (not in spec V" + Oracle.SPEC_VERSION + ")",
                new IotPlatformException("X1", null, Locale.US).getMessage(), "getMessage() without retInfo");
    }

    /** The tab-separated line of a code, as Main prints it, from the oracle. */
    private static String line(String code, Map<String, String> texts) {
        return code + "\t" + Oracle.NAME.get(code) + "\t" + Oracle.category(code) + "\t" + Oracle.STATUS.get(code) + "\t" + texts.get(code)
                + "\n";
    }

    /** The line of the success code. */
    private static final String SUCCESS_LINE = "00000\tSUCCESS\t-\tOK\t(success, not an error)\n";

    private static final String UNKNOWN = "error: unknown retCode \"%s\" (not in the UWS error-code spec V" + Oracle.SPEC_VERSION + ")\n";
    private static final String FIRST_USAGE_LINE = Constants.USAGE.split("\n")[0] + "\n";

    static void testMainPrintsCodeNameCategoryAndDescription() throws UnsupportedEncodingException {
        String[] run = main("D00004", "--lang", "en");
        Check.equal("0", run[0], "exit status");
        Check.equal(line("D00004", Oracle.EN), run[1], "stdout");
        Check.isTrue(run[1].startsWith("D00004\tTOKEN_EXPIRED\taccount\tUNAUTHENTICATED\t"), "code, name, category, status: " + run[1]);
        Check.equal("", run[2], "stderr");
        // Options anywhere among the codes; codes as the spec spells them.
        run = main("g20903", "--lang", "en_US.UTF-8", "d00004", "00000", "LC0001");
        Check.equal("0", run[0], "exit status");
        Check.equal(line("20903", Oracle.EN) + line("D00004", Oracle.EN) + SUCCESS_LINE
                + line("LC0001", Oracle.EN), run[1], "stdout (alias, lowercase, success, English)");
        run = main("g20903");
        Check.equal(line("20903", Oracle.ZH), run[1], "stdout (alias, Chinese by default)");
        run = main("--lang", "en", "--lang", "zh", "D00004");
        Check.equal(line("D00004", Oracle.ZH), run[1], "the last --lang counts");
    }

    static void testMainListsEveryCodeInSpecOrder() throws UnsupportedEncodingException {
        String[] run = main("--list", "--lang", "en");
        Check.equal("0", run[0], "exit status");
        StringBuilder expected = new StringBuilder();
        for (String code : Oracle.codes()) {
            expected.append(line(code, Oracle.EN));
        }
        Check.equal(expected.toString(), run[1], "stdout of --list");
        Check.equal("", run[2], "stderr of --list");
    }

    static void testMainSaysWhichCodesAreUnknownAndGoesOn() throws UnsupportedEncodingException {
        String[] run = main("D00004", "X00000", "d0000\u0131", "", "LC0001");
        Check.equal("1", run[0], "exit status");
        Check.equal(line("D00004", Oracle.ZH) + line("LC0001", Oracle.ZH), run[1], "the known codes are still printed");
        Check.equal(String.format(UNKNOWN, "X00000") + String.format(UNKNOWN, "d0000\u0131") + String.format(UNKNOWN, ""), run[2], "stderr");
    }

    static void testMainUsageErrorsGiveTheReasonAndTheUsageLine() throws UnsupportedEncodingException {
        String[][] cases = {
            {"no code given"},
            {"no code given", "--json"},
            {"no code given", "--lang", "en"},
            {"--lang needs a language tag", "--lang"},
            {"--lang needs a language tag", "D00004", "--lang"},
            {"--lang needs a language tag", "--lang", "--json", "D00004"},
            {"unknown option -x", "-x", "D00004"},
            {"unknown option --verbose", "D00004", "--verbose", "-y"},
            {"unknown option --lang=en", "--lang=en", "D00004"},
            {"unknown option -", "-"},
            {"unknown option -D00004", "D00004", "-D00004"},
            {"give CODEs or --list, not both", "D00004", "--list"},
            {"give CODEs or --list, not both", "--list", "--json", "X00000"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String what = " for " + java.util.Arrays.toString(args);
            String[] run = main(args);
            Check.equal("2", run[0], "exit status" + what);
            Check.equal("", run[1], "stdout" + what);
            Check.equal("error: " + c[0] + "\n" + FIRST_USAGE_LINE, run[2], "stderr" + what);
        }
    }

    static void testMainHelpGoesToStdoutAndExitsZero() throws UnsupportedEncodingException {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"D00004", "--help"}, {"-x", "--help"}, {"--list", "X1", "-h"}}) {
            String[] run = main(args);
            Check.equal("0", run[0], "exit status for " + java.util.Arrays.toString(args));
            Check.equal(Constants.USAGE + "\n", run[1], "stdout for " + java.util.Arrays.toString(args));
            Check.equal("", run[2], "stderr for " + java.util.Arrays.toString(args));
        }
        Check.isTrue(Constants.USAGE.startsWith("usage: ") && Constants.USAGE.contains("V" + Oracle.SPEC_VERSION),
                "the usage names the spec version: " + Constants.USAGE);
    }

    /**
     * A JSON record as Python's json.dumps(indent=2) prints it, for values without escapes; the
     * status, its HTTP status and whether it is retryable as the oracle has them ({@code null}s
     * for no status).
     */
    private static String record(String code, String name, String category, String status, String description) {
        String http = "null";
        String retryable = "null";
        if (status != null) {
            // The HTTP status and retryability come from StatusTest's table, checked there.
            http = String.valueOf(Status.valueOf(status).httpStatus());
            retryable = String.valueOf(Status.valueOf(status).isRetryable());
        }
        return "  {\n    \"code\": " + quoted(code) + ",\n    \"name\": " + quoted(name) + ",\n    \"category\": " + quoted(category)
                + ",\n    \"status\": " + quoted(status) + ",\n    \"http_status\": " + http + ",\n    \"retryable\": " + retryable
                + ",\n    \"description\": " + quoted(description) + ",\n    \"hint\": null\n  }"; // V1.3.0 has no hints
    }

    /** The record of a code of the catalog, from the oracle, with its text in {@code texts}. */
    private static String record(String code, Map<String, String> texts) {
        return record(code, Oracle.NAME.get(code), Oracle.category(code), Oracle.STATUS.get(code), texts.get(code));
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    static void testMainJson() throws UnsupportedEncodingException {
        String[] run = main("--json", "d00004", "X00000", "00000", "--lang", "en", "g20903");
        Check.equal("1", run[0], "exit status: an unknown code");
        Check.equal("", run[2], "no stderr line for an unknown code with --json");
        Check.equal("[\n"
                + record("D00004", Oracle.EN) + ",\n"
                + record("X00000", null, null, null, null) + ",\n"
                + record("00000", null, null, "OK", null) + ",\n"
                + record("20903", Oracle.EN) + "\n]\n",
                run[1], "stdout");
        run = main("00000", "--json");
        Check.equal("0", run[0], "exit status: the success code is no unknown code");
        Check.equal("[\n" + record("00000", null, null, "OK", null) + "\n]\n", run[1], "stdout for 00000");
        Check.isTrue(run[1].contains("\"status\": \"OK\",\n    \"http_status\": 200,\n    \"retryable\": false,"), run[1]);
        run = main("--json", "--list");
        Check.equal("0", run[0], "exit status of --json --list");
        StringBuilder all = new StringBuilder("[\n");
        for (String code : Oracle.codes()) {
            all.append(all.length() > 2 ? ",\n" : "").append(record(code, Oracle.ZH));
        }
        Check.equal(all.append("\n]\n").toString(), run[1], "stdout of --json --list");
    }

    static void testJsonIsWrittenAsPythonWritesIt() {
        Check.equal("[]\n", Main.json(new java.util.ArrayList<Object[]>()), "no records");
        Check.equal("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\u007f\u00e9\u4e2d/\"",
                Main.jsonString("a\"b\\c\n\r\t\b\f\u0000\u0001\u001f\u007f\u00e9\u4e2d/"), "escapes");
        Check.equal("null", Main.jsonString(null), "null");
        Object[] values = {"D00004", null, "account", "UNAUTHENTICATED", 401, false, "\u4e2d", null};
        Check.equal("[\n  {\n    \"code\": \"D00004\",\n    \"name\": null,\n    \"category\": \"account\",\n    \"status\": \"UNAUTHENTICATED\",\n"
                + "    \"http_status\": 401,\n    \"retryable\": false,\n    \"description\": \"\u4e2d\",\n    \"hint\": null\n  }\n]\n",
                Main.json(java.util.Collections.singletonList(values)), "numbers and booleans as Python writes them");
    }

    /** {exit status, stdout, stderr} of Main with {@code args}. */
    private static String[] main(String... args) throws UnsupportedEncodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, "UTF-8"), new PrintStream(err, true, "UTF-8"));
        return new String[] {String.valueOf(status), out.toString("UTF-8").replace("\r\n", "\n"), err.toString("UTF-8")};
    }
}
