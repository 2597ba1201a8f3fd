package ru.gospochta.notify.internal.templates;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ru.gospochta.notify.internal.catalogue.EventType;

/**
 * The template a letter of an event type is written with: the published version for the language,
 * else the catalogue's default. Published versions are cached briefly, so a publication reaches
 * every node within seconds without a query per letter.
 */
@Component
public class Templates {

    /** A template ready to fill. */
    public record Compiled(String eventType, String locale, int version, TemplateText subject, TemplateText body) {

        public Rendered render(Map<String, String> values) {
            return new Rendered(subject.render(values).strip(), body.render(values).strip(), version);
        }
    }

    public record Rendered(String subject, String body, int version) {
    }

    static final Duration CACHE = Duration.ofSeconds(5);

    private final JdbcClient db;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Compiled> published, long loadedAt) {
    }

    public Templates(JdbcClient db) {
        this.db = db;
    }

    public Compiled of(EventType type, Locale locale) {
        String language = "en".equals(locale.getLanguage()) ? "en" : "ru";
        return published(type.code(), language).orElseGet(() -> catalogueDefault(type, language));
    }

    /** The catalogue's own text for the language, as version 0. */
    public static Compiled catalogueDefault(EventType type, String language) {
        EventType.DefaultTemplate d = type.template(Locale.of(language));
        return new Compiled(type.code(), language, 0, TemplateText.parse(d.subject()), TemplateText.parse(d.body()));
    }

    /** @throws TemplateText.Malformed when the stored text does not parse, which the editor never lets happen */
    public static Compiled compile(TemplateVersion v) {
        return new Compiled(v.eventType(), v.locale(), v.version(), TemplateText.parse(v.subject()), TemplateText.parse(v.body()));
    }

    /** Forgets cached versions, after a publication on this node. */
    public void forget() {
        cache.clear();
    }

    private Optional<Compiled> published(String type, String language) {
        long now = System.nanoTime();
        Cached cached = cache.get(type + "/" + language);
        if (cached != null && now - cached.loadedAt() < CACHE.toNanos()) {
            return cached.published();
        }
        Optional<Compiled> loaded = db.sql("""
                        SELECT version, subject, body FROM notify.templates
                        WHERE event_type = :type AND locale = :locale AND state = 'PUBLISHED'""")
                .param("type", type).param("locale", language)
                .query((rs, n) -> new Compiled(type, language, rs.getInt("version"), TemplateText.parse(rs.getString("subject")),
                        TemplateText.parse(rs.getString("body"))))
                .optional();
        cache.put(type + "/" + language, new Cached(loaded, now));
        return loaded;
    }
}
