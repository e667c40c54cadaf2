package iot.errorcodes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;

/** IotPlatformException and the command line of Main. */
final class ExceptionAndMainTest {
    private ExceptionAndMainTest() {}

    static void testExceptionForAKnownCode() {
        IotPlatformException e = new IotPlatformException("D00004");
        Check.isTrue(e instanceof RuntimeException, "is a RuntimeException");
        Check.equal("D00004", e.getCode(), "getCode()");
        Check.equal(Oracle.NAME.get("D00004"), e.getName(), "getName()");
        Check.equal(Oracle.category("D00004"), e.getCategory(), "getCategory()");
        Check.equal(Oracle.ZH.get("D00004"), e.getDescription(), "getDescription()");
        Check.equal(null, e.getRetInfo(), "getRetInfo()");
        Check.equal("D00004 " + Oracle.NAME.get("D00004") + ": " + Oracle.EN.get("D00004"), e.getMessage(), "getMessage()");
    }

    static void testExceptionWithRetInfo() {
        IotPlatformException e = new IotPlatformException("g20903", "主数据访问异常 (trace 42)");
        Check.equal("g20903", e.getCode(), "getCode() is the code as given");
        Check.equal(Oracle.NAME.get("20903"), e.getName(), "getName() of the alias");
        Check.equal("主数据访问异常 (trace 42)", e.getRetInfo(), "getRetInfo()");
        Check.equal("g20903 " + Oracle.NAME.get("20903") + ": " + Oracle.EN.get("20903") + " (retInfo: 主数据访问异常 (trace 42))",
                e.getMessage(), "getMessage()");
    }

    static void testExceptionForAnUnknownCode() {
        for (String code : new String[] {"X12345", null, "", "D0000\u0000"}) {
            IotPlatformException e = new IotPlatformException(code, "server text");
            Check.equal(code, e.getCode(), "getCode()");
            Check.equal(null, e.getName(), "getName()");
            Check.equal(null, e.getCategory(), "getCategory()");
            Check.equal(null, e.getDescription(), "getDescription()");
            Check.equal(code + ": unknown retCode (not in the UWS error-code spec V" + Oracle.SPEC_VERSION + ") (retInfo: server text)",
                    e.getMessage(), "getMessage()");
        }
        Check.equal("X1: unknown retCode (not in the UWS error-code spec V" + Oracle.SPEC_VERSION + ")",
                new IotPlatformException("X1").getMessage(), "getMessage() without retInfo");
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
        for (String[] args : new String[][] {{}, {"--lang"}, {"D00004", "--lang"}, {"--help"}}) {
            run = main(args);
            Check.equal("2", run[0], "exit status for " + java.util.Arrays.toString(args));
            Check.isTrue(run[2].startsWith("usage:"), "stderr: " + run[2]);
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
