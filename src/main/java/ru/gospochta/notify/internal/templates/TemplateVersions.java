package ru.gospochta.notify.internal.templates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored versions of templates, table {@code notify.templates}. */
@Repository
public class TemplateVersions {

    /** What is in force for one type and language, and whether a draft waits. */
    public record Standing(@Nullable Integer published, @Nullable Integer draft) {

        static final Standing NONE = new Standing(null, null);
    }

    private static final String COLUMNS = """
            id, event_type, locale, version, subject, body, state, created_by, created_at, published_by, published_at""";

    private final JdbcClient db;

    TemplateVersions(JdbcClient db) {
        this.db = db;
    }

    /** Every version of the type in the language, newest first. */
    public List<TemplateVersion> history(String type, String locale) {
        return db.sql("SELECT " + COLUMNS + " FROM notify.templates WHERE event_type = :type AND locale = :locale ORDER BY version DESC")
                .param("type", type).param("locale", locale).query(TemplateVersions::version).list();
    }

    public Optional<TemplateVersion> version(String type, String locale, int version) {
        return db.sql("SELECT " + COLUMNS + " FROM notify.templates WHERE event_type = :type AND locale = :locale AND version = :version")
                .param("type", type).param("locale", locale).param("version", version).query(TemplateVersions::version).optional();
    }

    public Optional<TemplateVersion> inState(String type, String locale, TemplateVersion.State state) {
        return db.sql("SELECT " + COLUMNS + " FROM notify.templates WHERE event_type = :type AND locale = :locale AND state = :state "
                        + "ORDER BY version DESC LIMIT 1")
                .param("type", type).param("locale", locale).param("state", state.name()).query(TemplateVersions::version).optional();
    }

    /** The standing of every type and language that has versions, keyed {@code type/locale}. */
    public Map<String, Standing> standings() {
        return db.sql("""
                        SELECT event_type, locale,
                               max(version) FILTER (WHERE state = 'PUBLISHED') AS published,
                               max(version) FILTER (WHERE state = 'DRAFT') AS draft
                        FROM notify.templates GROUP BY event_type, locale""")
                .query((rs, n) -> Map.entry(rs.getString("event_type") + "/" + rs.getString("locale"),
                        new Standing(rs.getObject("published", Integer.class), rs.getObject("draft", Integer.class))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Standing standing(String type, String locale) {
        return standings().getOrDefault(type + "/" + locale, Standing.NONE);
    }

    /**
     * Holds the type and language for the rest of the transaction, so two administrators saving or
     * publishing at once take turns instead of numbering two drafts alike or publishing twice.
     */
    void lock(String type, String locale) {
        db.sql("SELECT pg_advisory_xact_lock(hashtext('notify.templates'), hashtext(:key))")
                .param("key", type + "/" + locale).query((rs, n) -> 1).single();
    }

    int nextNumber(String type, String locale) {
        return db.sql("SELECT coalesce(max(version), 0) + 1 FROM notify.templates WHERE event_type = :type AND locale = :locale")
                .param("type", type).param("locale", locale).query(Integer.class).single();
    }

    void insert(TemplateVersion v) {
        db.sql("""
                        INSERT INTO notify.templates (id, event_type, locale, version, subject, body, state, created_by, created_at)
                        VALUES (:id, :type, :locale, :version, :subject, :body, :state, :by, :at)""")
                .param("id", v.id()).param("type", v.eventType()).param("locale", v.locale()).param("version", v.version())
                .param("subject", v.subject()).param("body", v.body()).param("state", v.state().name())
                .param("by", v.createdBy()).param("at", Timestamp.from(v.createdAt()))
                .update();
    }

    /** A draft rewritten keeps its number; who saved it last and when become its author and time. */
    void rewriteDraft(UUID id, String subject, String body, String by, Instant at) {
        db.sql("""
                        UPDATE notify.templates SET subject = :subject, body = :body, created_by = :by, created_at = :at
                        WHERE id = :id AND state = 'DRAFT'""")
                .param("id", id).param("subject", subject).param("body", body).param("by", by).param("at", Timestamp.from(at))
                .update();
    }

    /** @return the number of the version that was in force, if one was */
    Optional<Integer> retirePublished(String type, String locale) {
        return db.sql("""
                        UPDATE notify.templates SET state = 'RETIRED'
                        WHERE event_type = :type AND locale = :locale AND state = 'PUBLISHED' RETURNING version""")
                .param("type", type).param("locale", locale).query(Integer.class).optional();
    }

    void publish(UUID id, String by, Instant at) {
        db.sql("UPDATE notify.templates SET state = 'PUBLISHED', published_by = :by, published_at = :at WHERE id = :id AND state = 'DRAFT'")
                .param("id", id).param("by", by).param("at", Timestamp.from(at)).update();
    }

    private static TemplateVersion version(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new TemplateVersion(rs.getObject("id", UUID.class), rs.getString("event_type"), rs.getString("locale"),
                rs.getInt("version"), rs.getString("subject"), rs.getString("body"),
                TemplateVersion.State.valueOf(rs.getString("state")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("published_by"),
                published == null ? null : published.toInstant());
    }
}
