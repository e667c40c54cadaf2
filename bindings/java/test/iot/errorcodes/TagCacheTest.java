package iot.errorcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The language-tag cache, each test with a fresh {@link TagCache} whose resolver counts its calls:
 * a call is what the native library would have been asked.
 */
final class TagCacheTest {
    private TagCacheTest() {}

    private static final String[] LANGUAGES = {"zh", "en"};
    private static final int MAX_ENTRIES = Constants.TAG_CACHE_MAX_ENTRIES;

    /** Resolves "en..." to 1, "zh..." to 0, anything else to NOT_FOUND, and counts its calls. */
    private static final class CountingResolver implements TagCache.Resolver {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int resolve(String tag) {
            calls.incrementAndGet();
            return tag.startsWith("en") ? 1 : tag.startsWith("zh") ? 0 : TagCache.NOT_FOUND;
        }
    }

    /** Whether {@code cache} answers {@code tag} without asking {@code resolver}. */
    private static boolean cached(TagCache cache, CountingResolver resolver, String tag) {
        int before = resolver.calls.get();
        cache.languageIndex(tag);
        return resolver.calls.get() == before;
    }

    static void testTheLanguagesOwnTagsAndNullNeedNoResolver() {
        CountingResolver resolver = new CountingResolver();
        TagCache cache = new TagCache(LANGUAGES, resolver);
        for (int round = 0; round < 3; round++) {
            Check.equal(0, cache.languageIndex("zh"), "zh");
            Check.equal(1, cache.languageIndex("en"), "en");
            Check.equal(0, cache.languageIndex(null), "null");
        }
        Check.equal(0, resolver.calls.get(), "resolver calls");
    }

    static void testRepeatTagsAreResolvedOnce() {
        CountingResolver resolver = new CountingResolver();
        TagCache cache = new TagCache(LANGUAGES, resolver);
        String[] tags = {"en-US", "en_US.UTF-8", "zh-CN", "zh_CN.UTF-8", "C", "fr-FR", ""};
        int[] expected = {1, 1, 0, 0, 0, 0, 0};
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < tags.length; i++) {
                Check.equal(expected[i], cache.languageIndex(tags[i]), "languageIndex(" + tags[i] + ") in round " + round);
            }
            Check.equal(tags.length, resolver.calls.get(), "resolver calls after round " + round);
        }
    }

    static void testAnswersOutsideTheLanguagesGiveTheDefault() {
        for (final int answer : new int[] {TagCache.NOT_FOUND, -7, LANGUAGES.length, Integer.MAX_VALUE}) {
            TagCache cache = new TagCache(LANGUAGES, tag -> answer);
            Check.equal(0, cache.languageIndex("xx"), "a resolver answering " + answer);
            Check.equal(0, cache.languageIndex("xx"), "a resolver answering " + answer + ", cached");
        }
    }

    static void testAtMostMaxEntriesTagsAreKept() {
        CountingResolver resolver = new CountingResolver();
        TagCache cache = new TagCache(LANGUAGES, resolver);
        List<String> tags = new ArrayList<String>();
        for (int i = 0; i < 3 * MAX_ENTRIES; i++) {
            tags.add((i % 2 == 0 ? "en-x-" : "de-x-") + i);
        }
        for (String tag : tags) {
            Check.equal(tag.startsWith("en") ? 1 : 0, cache.languageIndex(tag), "first languageIndex(" + tag + ")");
        }
        Check.equal(tags.size(), resolver.calls.get(), "resolver calls for new tags");
        // The first MAX_ENTRIES were kept; later ones, which found the cache full, are asked each time.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < tags.size(); i++) {
                Check.equal(i < MAX_ENTRIES, cached(cache, resolver, tags.get(i)), "cached(" + tags.get(i) + ") in round " + round);
                Check.equal(tags.get(i).startsWith("en") ? 1 : 0, cache.languageIndex(tags.get(i)), "languageIndex(" + tags.get(i) + ")");
            }
        }
        // The languages' own tags are not among the limited entries.
        Check.isTrue(cached(cache, resolver, "en") && cached(cache, resolver, "zh"), "the languages' tags are known when full");
    }

    static void testOnlyShortTagsAreKept() {
        CountingResolver resolver = new CountingResolver();
        TagCache cache = new TagCache(LANGUAGES, resolver);
        String longest = "en-" + repeat('x', Constants.TAG_CACHE_MAX_TAG_LEN - 3);
        String tooLong = longest + "x";
        Check.equal(1, cache.languageIndex(longest), "a tag of the longest length kept");
        Check.isTrue(cached(cache, resolver, longest), "a tag of the longest length is kept");
        Check.equal(1, cache.languageIndex(tooLong), "a tag one longer");
        Check.isTrue(!cached(cache, resolver, tooLong), "a tag one longer is not kept");
        Check.isTrue(!cached(cache, resolver, "en" + repeat('-', 100_000)), "a huge tag is not kept");
    }

    /**
     * Many threads bringing new tags at once fill the cache to exactly its limit: afterwards exactly
     * {@code MAX_ENTRIES} of their tags are answered without the resolver.
     */
    static void testManyThreadsFillItToItsLimitExactly() throws InterruptedException {
        final CountingResolver resolver = new CountingResolver();
        final TagCache cache = new TagCache(LANGUAGES, resolver);
        final int threads = 16;
        final int tagsPerThread = 2 * MAX_ENTRIES;
        final CountDownLatch start = new CountDownLatch(1);
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<String>();
        List<Thread> started = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            final int seed = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < tagsPerThread; i++) {
                            String tag = (i % 2 == 0 ? "en-x-" : "fr-x-") + seed + "-" + i;
                            int index = cache.languageIndex(tag);
                            if (index != (i % 2 == 0 ? 1 : 0)) {
                                failures.add(tag + ": " + index);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add("thread " + seed + " threw " + e);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Check.isTrue(failures.isEmpty(), failures.size() + " wrong answers, e.g. " + failures.peek());
        int kept = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < tagsPerThread; i++) {
                kept += cached(cache, resolver, (i % 2 == 0 ? "en-x-" : "fr-x-") + t + "-" + i) ? 1 : 0;
            }
        }
        Check.equal(MAX_ENTRIES, kept, "tags kept after many threads' tags");
    }

    private static String repeat(char c, int n) {
        return new String(new char[n]).replace('\0', c);
    }
}
