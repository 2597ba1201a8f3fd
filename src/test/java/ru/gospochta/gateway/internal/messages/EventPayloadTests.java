package ru.gospochta.gateway.internal.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import ru.gospochta.identity.Recipients;

/** The event schema, for JSON and XML alike (NTF-1, GW-2), without a server. */
class EventPayloadTests {

    static final long LIMIT = 1_000_000;

    static JsonNode json(String body) {
        return PayloadReader.json(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMIT);
    }

    static JsonNode xml(String body, List<Violation> violations) {
        return PayloadReader.xml(PayloadReader.EVENTS, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMIT,
                violations);
    }

    static List<String> fields(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.code()).toList();
    }

    @Test
    @DisplayName("NTF-1: an event in JSON and the same in XML read to the same request, variables by name")
    void jsonAndXmlAgree() {
        List<Violation> violations = new ArrayList<>();
        EventRequest fromJson = EventSchema.event(json("""
                {"recipient": {"snils": "112-233-445 95"}, "type": "document-ready",
                 "variables": {"documentName": "Справка", "applicationNumber": "З-42"}}"""), violations);
        EventRequest fromXml = EventSchema.event(xml("""
                <event xmlns="urn:gospochta:api:v1">
                  <recipient><snils>112-233-445 95</snils></recipient><type>document-ready</type>
                  <variables><variable name="documentName">Справка</variable><variable name="applicationNumber">З-42</variable></variables>
                </event>""", violations), violations);

        assertThat(violations).isEmpty();
        assertThat(fromJson).isNotNull().isEqualTo(fromXml);
        assertThat(fromJson.recipient()).isEqualTo(new Recipients.Key(Recipients.By.SNILS, "11223344595"));
        assertThat(fromJson.variables()).isEqualTo(Map.of("documentName", "Справка", "applicationNumber", "З-42"));
    }

    @Test
    @DisplayName("NTF-1: empty variables stay a map, an empty value stays a string, for the catalogue to judge")
    void emptyVariables() {
        List<Violation> violations = new ArrayList<>();
        EventRequest none = EventSchema.event(xml("""
                <event xmlns="urn:gospochta:api:v1"><recipient><inn>500100732259</inn></recipient><type>support-reply</type>
                <variables/></event>""", violations), violations);
        EventRequest blank = EventSchema.event(xml("""
                <event xmlns="urn:gospochta:api:v1"><recipient><inn>500100732259</inn></recipient><type>support-reply</type>
                <variables><variable name="requestNumber"/></variables></event>""", violations), violations);

        assertThat(violations).isEmpty();
        assertThat(none).isNotNull();
        assertThat(none.variables()).isEmpty();
        assertThat(blank).isNotNull();
        assertThat(blank.variables()).isEqualTo(Map.of("requestNumber", ""));
    }

    @Test
    @DisplayName("GW-2: XSD errors in XML are filed under the variable's name; a name given twice is refused")
    void xmlErrorsByVariable() {
        List<Violation> violations = new ArrayList<>();
        EventSchema.event(xml("""
                <event xmlns="urn:gospochta:api:v1"><recipient><snils>112-233-445 95</snils></recipient><type>x</type>
                <variables><variable name="comment">%s</variable><variable name="a">1</variable><variable name="a">2</variable>
                </variables></event>""".formatted("я".repeat(2001)), violations), violations);

        assertThat(violations).extracting(Violation::field).contains("variables.comment");
        assertThat(violations).extracting(Violation::code).containsOnly("schema", "too-long");
        assertThat(violations.stream().filter(v -> v.code().equals("schema")).map(v -> String.valueOf(v.args()[0])))
                .anyMatch(text -> text.contains("variableNames"));
    }

    @Test
    @DisplayName("GW-2: JSON variables must be strings under plain names, at most 50 of them")
    void jsonVariables() {
        List<Violation> violations = new ArrayList<>();
        EventSchema.event(json("""
                {"recipient": {"accountId": "not-a-uuid"}, "type": "charge-issued",
                 "variables": {"amount": 1500, "дата": "2026-01-01", "link": null}}"""), violations);
        assertThat(fields(violations)).containsExactlyInAnyOrder("recipient.accountId invalid-format",
                "variables.amount not-a-string", "variables.дата invalid-name", "variables.link not-a-string");

        violations.clear();
        StringBuilder many = new StringBuilder("{\"recipient\": {\"inn\": \"500100732259\"}, \"type\": \"t\", \"variables\": {");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ", ").append("\"v").append(i).append("\": \"x\"");
        }
        EventSchema.event(json(many.append("}}").toString()), violations);
        assertThat(fields(violations)).containsExactly("variables too-many-variables");
    }
}
