package iot.errorcodes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Times {@link IotErrorCodes#describe(String)} against {@code HashMap.get} over the same table, in
 * one JVM, and prints the ratio (the target is within 2x), for codes as the platform sends them
 * and in lowercase. Also times the other lookups: a language tag other than "en"/"zh" (answered
 * from the tag cache after the first lookup), the alias, unknown codes, and a language tag that
 * finds the cache full and goes to the native library every time, for comparison.
 *
 * <pre>bindings/java/build.sh bench</pre>
 */
public final class DescribeBenchmark {
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 7;
    private static final int LOOKUPS = 2_000_000;

    /** Keeps results alive so the JIT cannot drop the lookups. */
    private static long sink;

    private DescribeBenchmark() {}

    public static void main(String[] args) {
        List<String> codes = IotErrorCodes.codes();
        Map<String, String> table = new HashMap<String, String>();
        for (String code : codes) {
            table.put(code, IotErrorCodes.describe(code));
        }
        // Fresh String instances, as a JSON parser would hand them over (not the table's own keys).
        String[] exact = new String[codes.size()];
        String[] lower = new String[codes.size()];
        String[] unknown = new String[codes.size()];
        String[] unknownLower = new String[codes.size()];
        String[] alias = new String[codes.size()];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = new String(codes.get(i).toCharArray());
            lower[i] = codes.get(i).toLowerCase(Locale.ROOT);
            unknown[i] = "X" + codes.get(i).substring(1);
            unknownLower[i] = "x" + lower[i].substring(1);
            alias[i] = new String(i % 2 == 0 ? "G20903" : "g20903");
        }
        // "en-US" is cached; then the tag cache is filled, so that "en-GB" goes to the native library each time.
        IotErrorCodes.describe(codes.get(0), "en-US");
        for (int i = 0; i < 2 * Constants.TAG_CACHE_MAX_ENTRIES; i++) {
            IotErrorCodes.describe(codes.get(0), "en-x-" + i);
        }

        String[] names = {
            "HashMap.get(code)",
            "describe(code)",
            "describe(code, \"en\")",
            "describe(code, Locale.US)",
            "describe(code, \"en-US\")       [cached tag]",
            "describe(lowercase code)",
            "describe(\"G20903\" / \"g20903\")  [alias]",
            "describe(unknown code)",
            "describe(unknown lowercase code)",
            "describe(code, \"en-GB\")       [cache full: native]",
        };
        String[][] inputs = {exact, exact, exact, exact, exact, lower, alias, unknown, unknownLower, exact};
        List<Function<String, String>> lookups = java.util.Arrays.<Function<String, String>>asList(
                table::get,
                IotErrorCodes::describe,
                c -> IotErrorCodes.describe(c, "en"),
                c -> IotErrorCodes.describe(c, Locale.US),
                c -> IotErrorCodes.describe(c, "en-US"),
                IotErrorCodes::describe,
                IotErrorCodes::describe,
                IotErrorCodes::describe,
                IotErrorCodes::describe,
                c -> IotErrorCodes.describe(c, "en-GB"));
        // Rounds interleave the candidates, so that JIT warm-up and machine noise hit all alike.
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            for (int i = 0; i < names.length; i++) {
                double ns = time(inputs[i], lookups.get(i));
                if (round >= 0) {
                    best[i] = Math.min(best[i], ns);
                }
            }
        }
        double map = best[0];
        System.out.printf("describe() vs HashMap.get over the same %d codes: best of %d interleaved rounds of %,d lookups, ns per lookup%n",
                codes.size(), ROUNDS, LOOKUPS);
        for (int i = 0; i < names.length; i++) {
            row(names[i], best[i], map);
        }
        System.out.printf("describe(code) / HashMap.get(code) = %.2f (target: within 2x)%n", best[1] / map);
        System.out.printf("describe(lowercase code) / HashMap.get(code) = %.2f%n", best[5] / map);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void row(String what, double ns, double map) {
        System.out.printf("  %-50s %7.1f ns  %6.2fx HashMap.get%n", what, ns, ns / map);
    }

    /** The time per lookup of one pass of {@link #LOOKUPS} lookups over {@code inputs}. */
    private static double time(String[] inputs, Function<String, String> lookup) {
        int passes = LOOKUPS / inputs.length;
        long total = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (String input : inputs) {
                String text = lookup.apply(input);
                total += text == null ? 1 : text.length();
            }
        }
        long elapsed = System.nanoTime() - start;
        sink += total;
        return (double) elapsed / ((long) passes * inputs.length);
    }
}
