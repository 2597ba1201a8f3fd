package ru.gospochta.notify.internal.preferences;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;

/** Reads and writes {@link Preferences}; a citizen without a row has the defaults. */
@Component
public class PreferencesStore {

    /** Consent changed by the citizen in «Настройки уведомлений». */
    public static final String SETTINGS = "settings";
    /** Consent withdrawn by the one-click unsubscribe link of a letter. */
    public static final String UNSUBSCRIBE_LINK = "unsubscribe-link";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;

    public PreferencesStore(JdbcClient db) {
        this.db = db;
    }

    public Preferences of(UUID account) {
        return ofAll(Set.of(account)).getOrDefault(account, Preferences.defaults());
    }

    /** The preferences of many citizens in one query; those without a row are left out (defaults). */
    public Map<UUID, Preferences> ofAll(Collection<UUID> accounts) {
        Map<UUID, Preferences> found = new HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        db.sql("SELECT * FROM notify.preferences WHERE account = ANY(:accounts)")
                .param("accounts", accounts.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject("account", UUID.class), read(rs));
                });
        return found;
    }

    /** Saves the settings as the citizen chose them in «Настройки уведомлений». */
    public void save(UUID account, Preferences p, Instant now) {
        save(account, p, now, SETTINGS);
    }

    /**
     * Saves the settings. When promotional consent is given or withdrawn by this save, the change
     * is written to {@code notify.consent_log} with its source in the same transaction: consent to
     * promotional mail must be provable, and so must its withdrawal.
     *
     * @param consentSource where a change of consent came from, e.g. {@value #SETTINGS} or {@value #UNSUBSCRIBE_LINK}
     */
    @Transactional
    public void save(UUID account, Preferences p, Instant now, String consentSource) {
        // Locking the row keeps two saves of one account from both logging the same change of consent
        // (a citizen's very first save has no row to lock yet, which only matters if it races itself).
        boolean consentBefore = db.sql("SELECT promotional_at IS NOT NULL FROM notify.preferences WHERE account = :account FOR UPDATE")
                .param("account", account).query(Boolean.class).optional().orElse(false);
        boolean consentAfter = p.promotionalConsentAt() != null;
        ObjectNode grid = JSON.createObjectNode();
        p.grid().forEach((category, row) -> {
            ObjectNode r = grid.putObject(category.code());
            row.channels().stream().sorted().forEach(c -> r.withArray("channels").add(c.name()));
            r.put("frequency", row.frequency().name());
        });
        // An unchanged consent keeps the source it was given from; only a change takes this save's source.
        db.sql("""
                        INSERT INTO notify.preferences (account, grid, letter_format, digest_hour, digest_weekday, digest_monthday,
                            quiet_from, quiet_to, time_zone, promotional_at, promotional_source, letter_language, updated_at)
                        VALUES (:account, CAST(:grid AS jsonb), :format, :hour, :weekday, :monthday, :quietFrom, :quietTo, :zone,
                            :promotionalAt, :promotionalSource, :language, :now)
                        ON CONFLICT (account) DO UPDATE SET grid = EXCLUDED.grid, letter_format = EXCLUDED.letter_format,
                            digest_hour = EXCLUDED.digest_hour, digest_weekday = EXCLUDED.digest_weekday,
                            digest_monthday = EXCLUDED.digest_monthday, quiet_from = EXCLUDED.quiet_from,
                            quiet_to = EXCLUDED.quiet_to, time_zone = EXCLUDED.time_zone, letter_language = EXCLUDED.letter_language,
                            promotional_at = EXCLUDED.promotional_at,
                            promotional_source = CASE WHEN (preferences.promotional_at IS NULL) = (EXCLUDED.promotional_at IS NULL)
                                THEN preferences.promotional_source ELSE EXCLUDED.promotional_source END,
                            updated_at = EXCLUDED.updated_at""")
                .param("account", account).param("grid", JSON.writeValueAsString(grid)).param("format", p.format().name())
                .param("hour", p.digestHour()).param("weekday", p.digestDay().getValue()).param("monthday", p.digestMonthDay())
                .param("quietFrom", p.quietFrom()).param("quietTo", p.quietTo()).param("zone", p.zone().getId())
                .param("promotionalAt", utc(p.promotionalConsentAt()))
                .param("promotionalSource", consentAfter ? consentSource : null).param("language", p.language().name())
                .param("now", utc(now))
                .update();
        if (consentBefore != consentAfter) {
            db.sql("INSERT INTO notify.consent_log (account, given, source, at) VALUES (:account, :given, :source, :at)")
                    .param("account", account).param("given", consentAfter).param("source", consentSource)
                    .param("at", utc(now)).update();
        }
    }

    private static Preferences read(ResultSet rs) throws SQLException {
        JsonNode grid = JSON.readTree(rs.getString("grid"));
        Map<Category, Preferences.Row> rows = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            JsonNode row = grid.get(category.code());
            if (row == null) {
                continue;
            }
            EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
            row.path("channels").forEach(c -> channels.add(Channel.valueOf(c.asString())));
            rows.put(category, new Preferences.Row(channels, Frequency.valueOf(row.path("frequency").asString("EACH_EVENT"))));
        }
        OffsetDateTime consent = rs.getObject("promotional_at", OffsetDateTime.class);
        return new Preferences(rows, Preferences.LetterFormat.valueOf(rs.getString("letter_format")), rs.getInt("digest_hour"),
                DayOfWeek.of(rs.getInt("digest_weekday")), rs.getInt("digest_monthday"),
                rs.getObject("quiet_from", LocalTime.class), rs.getObject("quiet_to", LocalTime.class),
                ZoneId.of(rs.getString("time_zone")), consent == null ? null : consent.toInstant(),
                Preferences.Language.valueOf(rs.getString("letter_language")));
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
