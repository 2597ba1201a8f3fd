package ru.gospochta.notify.internal.templates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One stored version of an event type's template in one language (NTF-4). Versions are numbered
 * from 1 per type and language; a draft becomes published, a published one retired, never back.
 *
 * @param createdBy who saved it, as the audit log names actors, e.g. {@code staff:admin}
 */
public record TemplateVersion(UUID id, String eventType, String locale, int version, String subject, String body,
        State state, String createdBy, Instant createdAt, @Nullable String publishedBy, @Nullable Instant publishedAt) {

    /** The languages letters are written in: one template per type and language. */
    public static final List<String> LOCALES = List.of("ru", "en");

    /** As the table's CHECKs allow. */
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_BODY = 20_000;

    public enum State {
        DRAFT, PUBLISHED, RETIRED
    }
}
