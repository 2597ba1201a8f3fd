package ru.gospochta.gateway.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ru.gospochta.gateway.CredentialKind;

/** The credentials of agencies' systems. */
@Repository
public class Credentials {

    private static final String COLUMNS = "c.id, c.system_id, c.client_id, c.secret_hash, c.kind, c.scopes, c.issued_at, "
            + "c.issued_by, c.revoked_at, c.revoked_by";
    private static final String OWNED = "SELECT " + COLUMNS + """
            , s.agency_id, s.name AS system_name, s.created_at AS system_created_at,
              a.name AS agency_name, a.short_name, a.ogrn, a.inn, a.created_at AS agency_created_at, a.updated_at
            FROM gateway.credentials c
            JOIN gateway.systems s ON s.id = c.system_id
            JOIN gateway.agencies a ON a.id = s.agency_id
            """;

    private final JdbcClient db;

    Credentials(JdbcClient db) {
        this.db = db;
    }

    void insert(Credential credential) {
        db.sql("""
                INSERT INTO gateway.credentials (id, system_id, client_id, secret_hash, kind, scopes, issued_at, issued_by)
                VALUES (:id, :system, :clientId, :hash, :kind, :scopes, :issuedAt, :issuedBy)""")
                .param("id", credential.id())
                .param("system", credential.systemId())
                .param("clientId", credential.clientId())
                .param("hash", credential.secretHash())
                .param("kind", credential.kind().name())
                .param("scopes", credential.scopes().stream().map(Scope::value).sorted().toArray(String[]::new))
                .param("issuedAt", Timestamp.from(credential.issuedAt()))
                .param("issuedBy", credential.issuedBy())
                .update();
    }

    public Optional<OwnedCredential> owned(String clientId) {
        return db.sql(OWNED + " WHERE c.client_id = :clientId").param("clientId", clientId)
                .query((rs, n) -> owned(rs)).optional();
    }

    public Optional<OwnedCredential> owned(UUID id) {
        return db.sql(OWNED + " WHERE c.id = :id").param("id", id).query((rs, n) -> owned(rs)).optional();
    }

    /** Every credential of the agency's systems, newest first. */
    public List<Credential> ofAgency(UUID agencyId) {
        return db.sql("SELECT " + COLUMNS + """
                 FROM gateway.credentials c JOIN gateway.systems s ON s.id = c.system_id
                WHERE s.agency_id = :agency ORDER BY c.issued_at DESC, c.id""")
                .param("agency", agencyId).query((rs, n) -> credential(rs)).list();
    }

    /** Whether a credential with this client id exists and is not revoked. */
    public boolean active(String clientId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM gateway.credentials WHERE client_id = :clientId AND revoked_at IS NULL)")
                .param("clientId", clientId).query(Boolean.class).single();
    }

    /** Stamps the credential revoked; false when it already was. */
    boolean revoke(UUID id, String by, Instant at) {
        return db.sql("""
                UPDATE gateway.credentials SET revoked_at = :at, revoked_by = :by
                WHERE id = :id AND revoked_at IS NULL""")
                .param("id", id).param("by", by).param("at", Timestamp.from(at))
                .update() == 1;
    }

    /** A new hash of the same secret, when the hashing parameters have been strengthened. */
    public void rehash(String clientId, String secretHash) {
        db.sql("UPDATE gateway.credentials SET secret_hash = :hash WHERE client_id = :clientId")
                .param("clientId", clientId).param("hash", secretHash).update();
    }

    /**
     * Demo data only: the demo credential exists with this secret and is in force, whatever an
     * earlier run of the demo did to it.
     */
    void seedDemo(Credential credential) {
        db.sql("""
                INSERT INTO gateway.credentials (id, system_id, client_id, secret_hash, kind, scopes, issued_at, issued_by)
                VALUES (:id, :system, :clientId, :hash, :kind, :scopes, :issuedAt, :issuedBy)
                ON CONFLICT (client_id) DO UPDATE
                SET secret_hash = EXCLUDED.secret_hash, revoked_at = NULL, revoked_by = NULL""")
                .param("id", credential.id())
                .param("system", credential.systemId())
                .param("clientId", credential.clientId())
                .param("hash", credential.secretHash())
                .param("kind", credential.kind().name())
                .param("scopes", credential.scopes().stream().map(Scope::value).sorted().toArray(String[]::new))
                .param("issuedAt", Timestamp.from(credential.issuedAt()))
                .param("issuedBy", credential.issuedBy())
                .update();
    }

    private static OwnedCredential owned(ResultSet rs) throws SQLException {
        Credential credential = credential(rs);
        AgencySystem system = new AgencySystem(credential.systemId(), rs.getObject("agency_id", UUID.class),
                rs.getString("system_name"), rs.getTimestamp("system_created_at").toInstant());
        Agency agency = new Agency(system.agencyId(), rs.getString("agency_name"), rs.getString("short_name"),
                rs.getString("ogrn"), rs.getString("inn"), rs.getTimestamp("agency_created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new OwnedCredential(credential, system, agency);
    }

    private static Credential credential(ResultSet rs) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream((String[]) rs.getArray("scopes").getArray()).map(Scope::of).flatMap(Optional::stream)
                .forEach(scopes::add);
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new Credential(rs.getObject("id", UUID.class), rs.getObject("system_id", UUID.class),
                rs.getString("client_id"), rs.getString("secret_hash"), CredentialKind.valueOf(rs.getString("kind")),
                scopes, rs.getTimestamp("issued_at").toInstant(), rs.getString("issued_by"),
                revokedAt == null ? null : revokedAt.toInstant(), rs.getString("revoked_by"));
    }
}
