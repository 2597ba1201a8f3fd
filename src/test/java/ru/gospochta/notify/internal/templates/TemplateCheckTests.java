package ru.gospochta.notify.internal.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.templates.TemplateRefused.Problem;

/** What the editor says of a template's text before it keeps it (NTF-4). */
class TemplateCheckTests {

    static final EventType DOCUMENT_READY = new EventCatalogue().type("document-ready").orElseThrow();

    @Test
    @DisplayName("NTF-4: every catalogue default passes the editor's own check")
    void defaultsPass() {
        for (EventType type : new EventCatalogue().all()) {
            for (String locale : TemplateVersion.LOCALES) {
                EventType.DefaultTemplate d = type.templates().get(locale);
                assertThat(TemplateEditor.check(type, d.subject(), d.body())).as(type.code() + "/" + locale).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("NTF-4: an unknown variable is named, once per field it appears in")
    void unknownVariable() {
        assertThat(TemplateEditor.check(DOCUMENT_READY, "{{colour}}: {{documentName}}", "{{#colour}}{{colour}}{{/colour}}"))
                .containsExactly(Problem.of("subject", "notify.templates.problem.unknown-variable", "{{colour}}"),
                        Problem.of("body", "notify.templates.problem.unknown-variable", "{{colour}}"));
    }

    @Test
    @DisplayName("NTF-4: a section not closed, one closed without opening and stray braces each have their own message")
    void malformed() {
        assertThat(problems("{{#applicationNumber}}№ {{applicationNumber}}")).containsExactly(
                Problem.of("body", "notify.templates.problem.not-closed", "{{#applicationNumber}}", "{{/applicationNumber}}"));
        assertThat(problems("Готово.{{/applicationNumber}}")).containsExactly(
                Problem.of("body", "notify.templates.problem.closes-nothing", "{{/applicationNumber}}"));
        assertThat(problems("Документ {{ document name }} готов")).containsExactly(
                Problem.of("body", "notify.templates.problem.stray-braces", "Документ {{ document name }} готов"));
    }

    @Test
    @DisplayName("NTF-4: subject and body are required, the subject is one line of at most 300 characters, the body at most 20 000")
    void lengths() {
        assertThat(TemplateEditor.check(DOCUMENT_READY, " ", " ")).extracting(Problem::code)
                .containsExactly("notify.templates.problem.subject-blank", "notify.templates.problem.body-blank");
        assertThat(TemplateEditor.check(DOCUMENT_READY, "Я".repeat(300), "Я".repeat(20_000))).isEmpty();
        assertThat(TemplateEditor.check(DOCUMENT_READY, "Я".repeat(301), "Я".repeat(20_001))).containsExactly(
                Problem.of("subject", "notify.templates.problem.subject-too-long", "300", "301"),
                Problem.of("body", "notify.templates.problem.body-too-long", "20000", "20001"));
        assertThat(TemplateEditor.check(DOCUMENT_READY, "Две\nстроки", "Текст")).extracting(Problem::code)
                .containsExactly("notify.templates.problem.subject-one-line");
    }

    private static List<Problem> problems(String body) {
        return TemplateEditor.check(DOCUMENT_READY, "Документ готов", body);
    }
}
