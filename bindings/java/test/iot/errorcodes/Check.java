package iot.errorcodes;

import java.util.Objects;

/** Assertions for the tests: each throws {@link AssertionError} with what differed. */
final class Check {
    private Check() {}

    static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    /** Runs {@code body} and checks that it throws an exception of {@code type}. */
    static void throwsA(Class<? extends Throwable> type, Runnable body, String what) {
        try {
            body.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return;
            }
            throw new AssertionError(what + ": threw " + t + ", not a " + type.getSimpleName());
        }
        throw new AssertionError(what + ": threw nothing, expected a " + type.getSimpleName());
    }
}
