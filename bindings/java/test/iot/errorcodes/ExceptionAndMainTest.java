package iot.errorcodes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.Locale;

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

    static void testMainPrintsCodeNameCategoryAndDescription() throws UnsupportedEncodingException {
        String[] run = main("D00004", "--lang", "en");
        Check.equal("0", run[0], "exit status");
        Check.equal("D00004\t" + Oracle.NAME.get("D00004") + "\t" + Oracle.category("D00004") + "\t" + Oracle.EN.get("D00004") + "\n", run[1], "stdout");
        run = main("g20903");
        Check.equal("0", run[0], "exit status");
        Check.equal("20903\t" + Oracle.NAME.get("20903") + "\tdevice\t" + Oracle.ZH.get("20903") + "\n", run[1], "stdout (alias, Chinese)");
        run = main("00000", "--lang", "en");
        Check.equal("0", run[0], "exit status for 00000");
        Check.equal("00000\tSUCCESS\t-\t(success, not an error)\n", run[1], "stdout for 00000");
    }

    static void testMainExitsOneForAnUnknownCodeAndTwoForBadUsage() throws UnsupportedEncodingException {
        String[] run = main("D00004", "X00000");
        Check.equal("1", run[0], "exit status");
        Check.isTrue(run[1].startsWith("D00004\t"), "the known code is still printed: " + run[1]);
        Check.isTrue(run[2].contains("X00000: unknown retCode"), "stderr: " + run[2]);
        for (String[] args : new String[][] {{}, {"--lang"}, {"D00004", "--lang"}, {"-x", "D00004"}, {"D00004", "--verbose"},
                {"--lang=en", "D00004"}, {"-"}, {"D00004", "-D00004"}}) {
            run = main(args);
            Check.equal("2", run[0], "exit status for " + java.util.Arrays.toString(args));
            Check.equal("", run[1], "stdout for " + java.util.Arrays.toString(args));
            Check.isTrue(run[2].startsWith("error: ") && run[2].contains("\nusage: "), "stderr: " + run[2]);
        }
    }

    static void testMainHelpGoesToStdoutAndExitsZero() throws UnsupportedEncodingException {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"D00004", "--help"}, {"-x", "--help"}}) {
            String[] run = main(args);
            Check.equal("0", run[0], "exit status for " + java.util.Arrays.toString(args));
            Check.isTrue(run[1].startsWith("usage: "), "stdout: " + run[1]);
            Check.equal("", run[2], "stderr for " + java.util.Arrays.toString(args));
        }
    }

    /** {exit status, stdout, stderr} of Main with {@code args}. */
    private static String[] main(String... args) throws UnsupportedEncodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, "UTF-8"), new PrintStream(err, true, "UTF-8"));
        return new String[] {String.valueOf(status), out.toString("UTF-8").replace("\r\n", "\n"), err.toString("UTF-8")};
    }
}
