package iot.errorcodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Status, and what IotErrorCodes and IotPlatformException say a code's status is. */
final class StatusTest {
    private StatusTest() {}

    /**
     * gRPC's canonical codes, in number order (0 to 16), with the HTTP status of gRPC's published
     * mapping: google/rpc/code.proto (github.com/googleapis/googleapis), the "HTTP Mapping:" line
     * of each code. Written out here as the oracle, not read from the generator's input.
     */
    private static final Object[][] GRPC = {
        {"OK", 200},
        {"CANCELLED", 499},
        {"UNKNOWN", 500},
        {"INVALID_ARGUMENT", 400},
        {"DEADLINE_EXCEEDED", 504},
        {"NOT_FOUND", 404},
        {"ALREADY_EXISTS", 409},
        {"PERMISSION_DENIED", 403},
        {"RESOURCE_EXHAUSTED", 429},
        {"FAILED_PRECONDITION", 400},
        {"ABORTED", 409},
        {"OUT_OF_RANGE", 400},
        {"UNIMPLEMENTED", 501},
        {"INTERNAL", 500},
        {"UNAVAILABLE", 503},
        {"DATA_LOSS", 500},
        {"UNAUTHENTICATED", 401},
    };

    /** The statuses whose requests may succeed if retried later with backoff, by gRPC's guidance. */
    private static final Set<String> RETRYABLE =
            new HashSet<String>(Arrays.asList("UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED"));

    static void testStatusIsGrpcsTableWithItsHttpMapping() {
        Status[] values = Status.values();
        Check.equal(GRPC.length, values.length, "Status.values().length");
        for (int number = 0; number < GRPC.length; number++) {
            String name = (String) GRPC[number][0];
            Status s = Status.valueOf(name);
            Check.equal(number, s.number(), name + ".number()");
            Check.equal(s, values[number], "Status.values()[" + number + "]");
            Check.equal(GRPC[number][1], s.httpStatus(), name + ".httpStatus()");
            Check.equal(RETRYABLE.contains(name), s.isRetryable(), name + ".isRetryable()");
            Check.equal(s, Status.fromNumber(number), "Status.fromNumber(" + number + ")");
            Check.equal(name, s.toString(), name + ".toString()");
        }
        for (int number : new int[] {-1, GRPC.length, 99, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            Check.equal(null, Status.fromNumber(number), "Status.fromNumber(" + number + ")");
        }
    }

    /** Every code, and its lowercase spelling, has the status of names.tsv, through every entry point. */
    static void testEveryCodeHasTheStatusOfNamesTsv() {
        Set<Status> seen = new HashSet<Status>();
        for (String code : Oracle.codes()) {
            String expected = Oracle.STATUS.get(code);
            Check.isTrue(expected != null, "names.tsv has no status for " + code);
            Status s = Status.valueOf(expected);
            seen.add(s);
            for (String spelling : new String[] {code, code.toLowerCase(Locale.ROOT)}) {
                String what = "(" + spelling + ")";
                Check.equal(s, IotErrorCodes.status(spelling), "status" + what);
                Check.equal(s.httpStatus(), IotErrorCodes.httpStatus(spelling), "httpStatus" + what);
                Check.equal(RETRYABLE.contains(expected), IotErrorCodes.isRetryable(spelling), "isRetryable" + what);
                IotPlatformException e = new IotPlatformException(spelling);
                Check.equal(s, e.getStatus(), "IotPlatformException.getStatus" + what);
                Check.equal(RETRYABLE.contains(expected), e.isRetryable(), "IotPlatformException.isRetryable" + what);
            }
            Check.equal(s, ErrorCode.of(code).status(), ErrorCode.of(code) + ".status()");
        }
        Check.isTrue(!seen.contains(Status.OK), "a code of the catalog has the status OK");
        Check.isTrue(seen.contains(Status.UNAUTHENTICATED) && seen.contains(Status.UNAVAILABLE), "statuses seen: " + seen);
    }

    /** Every released code keeps the status of api/codes.tsv: programs act on it. */
    static void testReleasedCodesKeepTheirStatus() {
        // Guards the loop against a parse that finds nothing; a code not yet released (no row until
        // `cargo xtask api`) is not checked here.
        Check.isTrue(Oracle.RELEASED_STATUS.containsKey("D00004"), "api/codes.tsv has no row for D00004");
        for (Map.Entry<String, String[]> e : Oracle.RELEASED_STATUS.entrySet()) {
            String code = e.getKey();
            String what = e.getValue()[0] + ": released " + code + " " + e.getValue()[1];
            Status s = Status.valueOf(e.getValue()[1]);
            Check.equal(s, IotErrorCodes.status(code), what + ", IotErrorCodes.status");
            Check.equal(s, ErrorCode.of(code).status(), what + ", ErrorCode.status()");
        }
    }

    /**
     * G20904 (bound, to whom not said) must never read as done (ALREADY_EXISTS), and H32009 (the
     * request's M2M information) must never send the caller to log in again (UNAUTHENTICATED):
     * both FAILED_PRECONDITION and not retryable, through every entry point, in both cases.
     */
    static void testG20904AndH32009AreFailedPreconditionsAndNotRetryable() {
        for (String code : new String[] {"G20904", "g20904", "H32009", "h32009"}) {
            String what = "(" + code + ")";
            Check.equal(Status.FAILED_PRECONDITION, IotErrorCodes.status(code), "status" + what);
            Check.equal(false, IotErrorCodes.isRetryable(code), "isRetryable" + what);
            Check.equal(400, IotErrorCodes.httpStatus(code), "httpStatus" + what);
            IotPlatformException e = new IotPlatformException(code);
            Check.equal(Status.FAILED_PRECONDITION, e.getStatus(), "IotPlatformException.getStatus" + what);
            Check.equal(false, e.isRetryable(), "IotPlatformException.isRetryable" + what);
            Check.equal(Status.FAILED_PRECONDITION, ErrorCode.of(code).status(), "ErrorCode.of" + what + ".status()");
        }
    }

    static void testTheSuccessCodeIsOk() {
        Check.equal(Status.OK, IotErrorCodes.status("00000"), "status(00000)");
        Check.equal(200, IotErrorCodes.httpStatus("00000"), "httpStatus(00000)");
        Check.equal(false, IotErrorCodes.isRetryable("00000"), "isRetryable(00000)");
        IotPlatformException e = new IotPlatformException("00000");
        Check.equal(Status.OK, e.getStatus(), "IotPlatformException(00000).getStatus()");
        Check.equal(false, e.isRetryable(), "IotPlatformException(00000).isRetryable()");
    }

    /**
     * The misses of tests/vectors.txt and near misses of 00000: no status, HTTP 0, not retryable.
     * Except the success code itself, a miss of the catalog that has a status, OK (above).
     */
    static void testInputThatIsNotACodeHasNoStatus() {
        List<String> bad = new ArrayList<String>(Vectors.MISSES);
        bad.removeAll(Collections.singleton("00000"));
        bad.addAll(Arrays.asList(null, "", "0000", "000000", "00000 ", " 00000", "O0000", "00000\u0000",
                "\uFF10\uFF10\uFF10\uFF10\uFF10", "d000040", "\u014400004"));
        for (String s : bad) {
            String what = "(" + InputTest.show(s) + ")";
            Check.equal(null, IotErrorCodes.status(s), "status" + what);
            Check.equal(0, IotErrorCodes.httpStatus(s), "httpStatus" + what);
            Check.equal(false, IotErrorCodes.isRetryable(s), "isRetryable" + what);
            IotPlatformException e = new IotPlatformException(s, "server text");
            Check.equal(null, e.getStatus(), "IotPlatformException.getStatus" + what);
            Check.equal(false, e.isRetryable(), "IotPlatformException.isRetryable" + what);
        }
    }

    /** The hits of tests/vectors.txt (case variants, the alias) have their code's status. */
    static void testCaseVariantsAndTheAliasHaveTheirCodesStatus() {
        for (String[] hit : Vectors.HITS) {
            Status s = Status.valueOf(Oracle.STATUS.get(hit[1]));
            String what = "(" + InputTest.show(hit[0]) + ")";
            Check.equal(s, IotErrorCodes.status(hit[0]), "status" + what);
            Check.equal(s.httpStatus(), IotErrorCodes.httpStatus(hit[0]), "httpStatus" + what);
            Check.equal(s.isRetryable(), IotErrorCodes.isRetryable(hit[0]), "isRetryable" + what);
            Check.equal(s, new IotPlatformException(hit[0]).getStatus(), "IotPlatformException.getStatus" + what);
        }
    }

    /**
     * The Java retry loop of docs/statuses.md, bindings/java/example/Retry.java (build.sh test
     * compiles it with the tests; it is in the unnamed package, so it is called by reflection):
     * against a scripted platform, it retries what is retryable, logs in again once on
     * UNAUTHENTICATED, and else throws.
     */
    static void testTheRetryLoopOfActingOnARetCode() throws ReflectiveOperationException {
        // {the retCodes the platform answers in turn, the code thrown (or null), logins}
        Object[][] cases = {
            {new String[] {"00000"}, null, 0},
            {new String[] {"A00001", "a00003", "00000"}, null, 0},
            {new String[] {"D00004", "00000"}, null, 1},
            {new String[] {"D00004", "A00001", "00000"}, null, 1},
            {new String[] {"D00004", "D00003"}, "D00003", 1},
            {new String[] {"A00001", "A00001", "A00001", "A00001"}, "A00001", 0},
            {new String[] {"B00001"}, "B00001", 0},
            {new String[] {"X99999"}, "X99999", 0},
            {new String[] {null}, null, 0},
        };
        java.lang.reflect.Method send = Class.forName("Retry").getMethod("send", java.util.function.Supplier.class, Runnable.class);
        for (Object[] c : cases) {
            final String[] answers = (String[]) c[0];
            final int[] calls = {0, 0};
            String what = "Retry.send with the answers " + Arrays.toString(answers);
            String thrown = null;
            boolean threw = false;
            try {
                send.invoke(null, (java.util.function.Supplier<String>) () -> answers[calls[0]++], (Runnable) () -> calls[1]++);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Check.isTrue(e.getCause() instanceof IotPlatformException, what + " threw " + e.getCause());
                thrown = ((IotPlatformException) e.getCause()).getCode();
                threw = true;
            }
            Check.equal(c[1] != null || answers[answers.length - 1] == null, threw, what + ": threw");
            Check.equal(c[1], thrown, what + ": the code thrown");
            Check.equal(answers.length, calls[0], what + ": requests sent");
            Check.equal(c[2], calls[1], what + ": logins");
        }
    }
}
