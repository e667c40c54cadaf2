package iot.errorcodes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Language tag, exactly as given, to the index of its language, so that repeat lookups with a tag
 * stay in memory. It knows the languages' own tags ("zh", "en") from the start; any other tag
 * ("en-US", "zh_CN.UTF-8") is resolved once by the resolver it was made with (in {@link
 * IotErrorCodes}, the native library's matcher) and kept, up to {@link
 * Constants#TAG_CACHE_MAX_ENTRIES} such tags of at most {@link Constants#TAG_CACHE_MAX_TAG_LEN}
 * characters. Later or longer tags go to the resolver every time, so arbitrary tags cannot grow it
 * without end. Thread-safe.
 */
final class TagCache {
    /** The resolver's answer for a tag of no language with texts. */
    static final int NOT_FOUND = -1;

    /**
     * Resolves a tag the cache does not know. Our own interface rather than {@code
     * java.util.function.ToIntFunction}, which Android has only from API level 24 on
     * (docs/android.md).
     */
    interface Resolver {
        /** The index of {@code tag}'s language, or {@link #NOT_FOUND}; {@code tag} is never {@code null}. */
        int resolve(String tag);
    }

    /** Tag to language index: the languages' own tags, then the cached ones. */
    private final Map<String, Integer> indexOf = new ConcurrentHashMap<String, Integer>();
    /** How many languages there are (and so how many of {@link #indexOf}'s tags are not cached ones). */
    private final int languages;
    /** The index of a tag's language in the languages given, or {@link #NOT_FOUND}. */
    private final Resolver resolver;

    /**
     * A cache that knows the tags of {@code languages} (index 0: the default) and asks {@code
     * resolver} about any other tag: it answers the index of the tag's language in {@code
     * languages}, or {@link #NOT_FOUND}. It is never called with {@code null}.
     */
    TagCache(String[] languages, Resolver resolver) {
        for (int i = 0; i < languages.length; i++) {
            indexOf.put(languages[i], i);
        }
        this.languages = languages.length;
        this.resolver = resolver;
    }

    /**
     * The index of {@code tag}'s language, or 0 (the default) for {@code null} and for a tag of no
     * language with texts: from memory when the tag is known, else from the resolver, caching the
     * answer while there is room.
     */
    int languageIndex(String tag) {
        if (tag == null) {
            return 0;
        }
        Integer known = indexOf.get(tag);
        if (known != null) {
            return known;
        }
        int resolved = resolver.resolve(tag);
        int language = resolved >= 0 && resolved < languages ? resolved : 0;
        if (tag.length() <= Constants.TAG_CACHE_MAX_TAG_LEN && hasRoom()) {
            // The lock makes the size check and the insertion one step, so the cache never
            // exceeds its limit however many threads bring new tags at once.
            synchronized (this) {
                if (hasRoom()) {
                    indexOf.put(tag, language);
                }
            }
        }
        return language;
    }

    private boolean hasRoom() {
        return indexOf.size() - languages < Constants.TAG_CACHE_MAX_ENTRIES;
    }
}
