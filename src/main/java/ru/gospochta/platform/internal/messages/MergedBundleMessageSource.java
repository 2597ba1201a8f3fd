package ru.gospochta.platform.internal.messages;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/**
 * Every bundle merged into one table per locale, so that a code is one map lookup rather than a
 * walk over every basename's bundle chain: pages and letters ask for many codes each, and with a
 * bundle per module the walk cost a visible share of rendering them.
 * <p>
 * With the cache kept forever (negative cache millis) {@link ReloadableResourceBundleMessageSource}
 * already resolves from merged properties; it merges the basenames from last to first and each
 * basename's files from the base file to the most specific, so the first basename that has a code
 * wins, with its own locale chain, as {@code ResourceBundleMessageSource} answers.
 * <p>
 * What this class adds: locales whose files are the same ({@code en}, {@code en_US} and
 * {@code en_GB}; {@code ru}, {@code fr} and any other language without files) share one merged
 * table. The API words its refusals in whatever {@code Accept-Language} a client sends, so the set
 * of locales asked for is the clients' to choose; a new one costs a map entry, not another copy of
 * every text.
 */
final class MergedBundleMessageSource extends ReloadableResourceBundleMessageSource {

    private final ConcurrentMap<Locale, PropertiesHolder> byLocale = new ConcurrentHashMap<>();

    /** Keyed by the files found for a locale, in merge order (holders are cached per file, compared by identity). */
    private final ConcurrentMap<List<PropertiesHolder>, PropertiesHolder> byFiles = new ConcurrentHashMap<>();

    @Override
    protected PropertiesHolder getMergedProperties(Locale locale) {
        PropertiesHolder merged = byLocale.get(locale);
        if (merged != null) {
            return merged;
        }
        merged = byFiles.computeIfAbsent(collectPropertiesToMerge(locale), this::mergeProperties);
        PropertiesHolder earlier = byLocale.putIfAbsent(locale, merged);
        return earlier != null ? earlier : merged;
    }

    @Override
    public void clearCache() {
        super.clearCache();
        byLocale.clear();
        byFiles.clear();
    }
}
