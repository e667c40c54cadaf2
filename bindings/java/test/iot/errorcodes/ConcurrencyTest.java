package iot.errorcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** Many threads at once, through the memory path and the native path, each checked against the oracle. */
final class ConcurrencyTest {
    private ConcurrencyTest() {}

    private static final int THREADS = 16;
    private static final int ROUNDS = 5_000;

    static void testManyThreadsAtOnce() throws InterruptedException {
        final List<String> codes = Oracle.codes();
        final CountDownLatch start = new CountDownLatch(1);
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<String>();
        List<Thread> threads = new ArrayList<Thread>();
        for (int t = 0; t < THREADS; t++) {
            final int seed = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        String code = codes.get((seed * 7 + round) % codes.size());
                        String lower = code.toLowerCase(Locale.ROOT);
                        expect(failures, Oracle.ZH.get(code), IotErrorCodes.describe(code), code);
                        expect(failures, Oracle.EN.get(code), IotErrorCodes.describe(lower, "en-US"), lower);
                        // Tags new to the cache, from all threads at once (TagCacheTest checks that it stops at its limit).
                        String tag = (round % 2 == 0 ? "en-x-" : "fr-x-") + seed + "-" + round % 50;
                        expect(failures, round % 2 == 0 ? Oracle.EN.get(code) : Oracle.ZH.get(code), IotErrorCodes.describe(code, tag), tag);
                        expect(failures, Oracle.NAME.get(code), IotErrorCodes.name(lower), lower);
                        expect(failures, Oracle.category(code), IotErrorCodes.category(code), code);
                        expect(failures, Oracle.category(code), IotErrorCodes.category(lower), lower);
                        expect(failures, null, IotErrorCodes.describe(code + "\u0000"), code + " + NUL");
                        expect(failures, null, IotErrorCodes.describe("\uD800" + code.substring(1)), "surrogate + " + code);
                    }
                } catch (Throwable e) {
                    failures.add("thread " + seed + " threw " + e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Check.isTrue(failures.isEmpty(), failures.size() + " wrong answers, e.g. " + failures.peek());
    }

    private static void expect(ConcurrentLinkedQueue<String> failures, String expected, String actual, String input) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            failures.add(input + ": expected " + expected + ", got " + actual);
        }
    }
}
