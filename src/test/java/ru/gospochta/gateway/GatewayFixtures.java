package ru.gospochta.gateway;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import ru.gospochta.AuditSealed;
import ru.gospochta.gateway.internal.Agency;
import ru.gospochta.gateway.internal.AgencyDetails;
import ru.gospochta.gateway.internal.AgencyRegistry;
import ru.gospochta.gateway.internal.AgencySystem;
import ru.gospochta.gateway.internal.CredentialIssuing;
import ru.gospochta.gateway.internal.Scope;
import ru.gospochta.platform.DataDirectory;

/** Agencies, systems and keys for tests, made through the registry's own services, with fresh valid numbers. */
final class GatewayFixtures {

    static final String ACTOR = "staff:fixture";

    record AuditRow(String actor, String action, String target, String outcome, String sourceIp, String details) {
    }

    private GatewayFixtures() {
    }

    /** A random OGRN whose check digit is right. */
    static String ogrn() {
        StringBuilder twelve = new StringBuilder("10");
        while (twelve.length() < 12) {
            twelve.append(ThreadLocalRandom.current().nextInt(10));
        }
        return twelve.toString() + Long.parseLong(twelve.toString()) % 11 % 10;
    }

    /** A random organisation INN whose check digit is right. */
    static String inn() {
        int[] weights = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        StringBuilder digits = new StringBuilder("77");
        while (digits.length() < 9) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return digits.append(sum % 11 % 10).toString();
    }

    static Agency agency(AgencyRegistry registry, String shortName) {
        return registry.register(AgencyDetails.parse(shortName + ": полное наименование", shortName, ogrn(), inn()),
                ACTOR, null);
    }

    static CredentialIssuing.Issued key(AgencyRegistry registry, CredentialIssuing issuing, CredentialKind kind,
            Scope... scopes) {
        Agency agency = agency(registry, "Ведомство " + ThreadLocalRandom.current().nextInt(1_000_000));
        AgencySystem system = registry.addSystem(agency.id(), "Система приёма", ACTOR, null);
        EnumSet<Scope> granted = scopes.length == 0 ? EnumSet.allOf(Scope.class) : EnumSet.copyOf(List.of(scopes));
        return issuing.issue(agency.id(), system.id(), kind, granted, ACTOR, null);
    }

    static long lastAuditSeq(JdbcClient db) {
        AuditSealed.await(db);
        return db.sql("SELECT coalesce(max(seq), 0) FROM audit.entries").query(Long.class).single();
    }

    static List<AuditRow> auditAfter(JdbcClient db, long seq, String action) {
        AuditSealed.await(db);
        return db.sql("""
                SELECT actor, action, target, outcome, coalesce(source_ip, '') AS source_ip, details::text AS details
                FROM audit.entries WHERE seq > :seq AND action = :action ORDER BY seq""")
                .param("seq", seq).param("action", action).query(AuditRow.class).list();
    }

    /** The agency key demo mode seeds and lists in demo-credentials.json. */
    static JsonNode demoClient(DataDirectory dataDirectory) {
        for (JsonNode credential : TokenClient.JSON.readTree(dataDirectory.root().resolve("demo-credentials.json").toFile())
                .get("credentials")) {
            if (credential.get("role").asString().equals("agency-api-client")) {
                return credential;
            }
        }
        throw new AssertionError("no agency API client in demo-credentials.json");
    }
}
