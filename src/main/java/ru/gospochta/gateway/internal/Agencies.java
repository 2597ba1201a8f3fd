package ru.gospochta.gateway.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registry of agencies and their systems. */
@Repository
public class Agencies {

    private static final String AGENCY_COLUMNS = "a.id, a.name, a.short_name, a.ogrn, a.inn, a.created_at, a.updated_at";

    private final JdbcClient db;

    Agencies(JdbcClient db) {
        this.db = db;
    }

    /** An agency as the registry's list shows it. */
    public record Listed(Agency agency, int systems, int activeCredentials) {
    }

    public List<Listed> all() {
        return db.sql("SELECT " + AGENCY_COLUMNS + """
                , (SELECT count(*) FROM gateway.systems s WHERE s.agency_id = a.id) AS systems,
                  (SELECT count(*) FROM gateway.credentials c JOIN gateway.systems s ON s.id = c.system_id
                   WHERE s.agency_id = a.id AND c.revoked_at IS NULL) AS active_credentials
                FROM gateway.agencies a ORDER BY a.short_name, a.id""")
                .query((rs, n) -> new Listed(agency(rs), rs.getInt("systems"), rs.getInt("active_credentials")))
                .list();
    }

    public Optional<Agency> byId(UUID id) {
        return db.sql("SELECT " + AGENCY_COLUMNS + " FROM gateway.agencies a WHERE a.id = :id")
                .param("id", id).query((rs, n) -> agency(rs)).optional();
    }

    public Optional<Agency> byOgrn(String ogrn) {
        return db.sql("SELECT " + AGENCY_COLUMNS + " FROM gateway.agencies a WHERE a.ogrn = :ogrn")
                .param("ogrn", ogrn).query((rs, n) -> agency(rs)).optional();
    }

    /** The fields ({@code ogrn}, {@code inn}) whose numbers another agency than {@code except} already has. */
    Set<String> taken(AgencyDetails details, @Nullable UUID except) {
        record Clash(boolean sameOgrn, boolean sameInn) {
        }
        Set<String> taken = new LinkedHashSet<>();
        db.sql("""
                SELECT ogrn = :ogrn AS same_ogrn, inn = :inn AS same_inn FROM gateway.agencies
                WHERE (ogrn = :ogrn OR inn = :inn) AND id IS DISTINCT FROM CAST(:except AS uuid)""")
                .param("ogrn", details.ogrn().digits())
                .param("inn", details.inn().digits())
                .param("except", except == null ? null : except.toString())
                .query((rs, n) -> new Clash(rs.getBoolean("same_ogrn"), rs.getBoolean("same_inn")))
                .list()
                .forEach(clash -> {
                    if (clash.sameOgrn()) {
                        taken.add("ogrn");
                    }
                    if (clash.sameInn()) {
                        taken.add("inn");
                    }
                });
        return taken;
    }

    void insert(Agency agency) {
        db.sql("""
                INSERT INTO gateway.agencies (id, name, short_name, ogrn, inn, created_at, updated_at)
                VALUES (:id, :name, :shortName, :ogrn, :inn, :createdAt, :updatedAt)""")
                .param("id", agency.id())
                .param("name", agency.name())
                .param("shortName", agency.shortName())
                .param("ogrn", agency.ogrn())
                .param("inn", agency.inn())
                .param("createdAt", Timestamp.from(agency.createdAt()))
                .param("updatedAt", Timestamp.from(agency.updatedAt()))
                .update();
    }

    void update(UUID id, AgencyDetails details, Instant at) {
        db.sql("""
                UPDATE gateway.agencies SET name = :name, short_name = :shortName, ogrn = :ogrn, inn = :inn,
                    updated_at = :at
                WHERE id = :id""")
                .param("id", id)
                .param("name", details.name())
                .param("shortName", details.shortName())
                .param("ogrn", details.ogrn().digits())
                .param("inn", details.inn().digits())
                .param("at", Timestamp.from(at))
                .update();
    }

    public List<AgencySystem> systemsOf(UUID agencyId) {
        return db.sql("SELECT id, agency_id, name, created_at FROM gateway.systems WHERE agency_id = :agency ORDER BY created_at, id")
                .param("agency", agencyId).query((rs, n) -> system(rs)).list();
    }

    public Optional<AgencySystem> system(UUID id) {
        return db.sql("SELECT id, agency_id, name, created_at FROM gateway.systems WHERE id = :id")
                .param("id", id).query((rs, n) -> system(rs)).optional();
    }

    public Optional<AgencySystem> systemNamed(UUID agencyId, String name) {
        return db.sql("SELECT id, agency_id, name, created_at FROM gateway.systems WHERE agency_id = :agency AND name = :name")
                .param("agency", agencyId).param("name", name).query((rs, n) -> system(rs)).optional();
    }

    void insertSystem(AgencySystem system) {
        db.sql("INSERT INTO gateway.systems (id, agency_id, name, created_at) VALUES (:id, :agency, :name, :at)")
                .param("id", system.id())
                .param("agency", system.agencyId())
                .param("name", system.name())
                .param("at", Timestamp.from(system.createdAt()))
                .update();
    }

    /** A system's own limits; empty when there is no such system. */
    Optional<SystemLimits> limitsOf(UUID systemId) {
        return db.sql("SELECT requests_per_second, messages_per_day FROM gateway.systems WHERE id = :id")
                .param("id", systemId).query((rs, n) -> limits(rs)).optional();
    }

    /** The same, with the row locked until the transaction ends, so two administrators' changes are audited in order. */
    Optional<SystemLimits> limitsForUpdate(UUID systemId) {
        return db.sql("SELECT requests_per_second, messages_per_day FROM gateway.systems WHERE id = :id FOR UPDATE")
                .param("id", systemId).query((rs, n) -> limits(rs)).optional();
    }

    /** The own limits of each of the agency's systems, by system id. */
    public Map<UUID, SystemLimits> limitsOfSystems(UUID agencyId) {
        Map<UUID, SystemLimits> limits = new HashMap<>();
        db.sql("SELECT id, requests_per_second, messages_per_day FROM gateway.systems WHERE agency_id = :agency")
                .param("agency", agencyId)
                .query(rs -> {
                    limits.put(rs.getObject("id", UUID.class), limits(rs));
                });
        return limits;
    }

    void updateLimits(UUID systemId, SystemLimits limits) {
        db.sql("UPDATE gateway.systems SET requests_per_second = :rate, messages_per_day = :perDay WHERE id = :id")
                .param("id", systemId)
                .param("rate", limits.requestsPerSecond(), Types.INTEGER)
                .param("perDay", limits.messagesPerDay(), Types.BIGINT)
                .update();
    }

    private static SystemLimits limits(ResultSet rs) throws SQLException {
        return new SystemLimits(rs.getObject("requests_per_second", Integer.class), rs.getObject("messages_per_day", Long.class));
    }

    static Agency agency(ResultSet rs) throws SQLException {
        return new Agency(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("short_name"),
                rs.getString("ogrn"), rs.getString("inn"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static AgencySystem system(ResultSet rs) throws SQLException {
        return new AgencySystem(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                rs.getString("name"), rs.getTimestamp("created_at").toInstant());
    }
}
