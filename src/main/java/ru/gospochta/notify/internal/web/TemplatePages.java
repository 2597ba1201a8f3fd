package ru.gospochta.notify.internal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

import ru.gospochta.notify.internal.catalogue.EventCatalogue;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.delivery.LetterPreview;
import ru.gospochta.notify.internal.templates.TemplateRefused;
import ru.gospochta.notify.internal.templates.TemplateVersion;
import ru.gospochta.notify.internal.templates.TemplateVersions;
import ru.gospochta.notify.internal.templates.Templates;

/** The content of the template pages: the list of types, a type's editor and one version's preview. */
@Component
class TemplatePages {

    /** The portal keeps Moscow time, as the other admin pages do. */
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Moscow"));

    /** One event type of the list, with what is in force in each language. */
    record TypeLine(EventType type, List<LocaleLine> locales) {
    }

    record LocaleLine(String locale, @Nullable Integer published, @Nullable Integer draft) {
    }

    /** A version in the history, its actors without the {@code staff:} prefix. */
    record VersionLine(int version, String state, String createdBy, String createdAt, @Nullable String publishedBy,
            @Nullable String publishedAt) {

        static VersionLine of(TemplateVersion v) {
            String publishedBy = v.publishedBy();
            Instant publishedAt = v.publishedAt();
            return new VersionLine(v.version(), v.state().name(), who(v.createdBy()), MOMENT.format(v.createdAt()),
                    publishedBy == null ? null : who(publishedBy), publishedAt == null ? null : MOMENT.format(publishedAt));
        }
    }

    /** The editor's fields as typed, so a refused draft comes back with what was entered. */
    record DraftForm(String subject, String body) {
    }

    private final EventCatalogue catalogue;
    private final TemplateVersions versions;
    private final LetterPreview preview;
    private final MessageSource messages;

    TemplatePages(EventCatalogue catalogue, TemplateVersions versions, LetterPreview preview, MessageSource messages) {
        this.catalogue = catalogue;
        this.versions = versions;
        this.preview = preview;
        this.messages = messages;
    }

    /** @throws ResponseStatusException 404 for a type not in the catalogue or a language without templates */
    EventType type(String code, String locale) {
        if (!TemplateVersion.LOCALES.contains(locale)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return catalogue.type(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    String list(Model model) {
        Map<String, TemplateVersions.Standing> standings = versions.standings();
        List<TypeLine> lines = catalogue.all().stream().map(type -> new TypeLine(type, TemplateVersion.LOCALES.stream().map(locale -> {
            TemplateVersions.Standing s = standings.get(type.code() + "/" + locale);
            return new LocaleLine(locale, s == null ? null : s.published(), s == null ? null : s.draft());
        }).toList())).toList();
        model.addAttribute("types", lines);
        return "notify/templates";
    }

    /**
     * The editor: the type's variables, the history, the draft (or, when there is none, the text in
     * force to start one from) and, when a draft waits, the button to publish it.
     *
     * @param typed what was entered into a refused form, or {@code null} to show what is stored
     */
    String editor(EventType type, String locale, @Nullable DraftForm typed, List<TemplateRefused.Problem> problems, Locale reader,
            Model model) {
        List<TemplateVersion> history = versions.history(type.code(), locale);
        Optional<TemplateVersion> draft = history.stream().filter(v -> v.state() == TemplateVersion.State.DRAFT).findFirst();
        Optional<TemplateVersion> published = history.stream().filter(v -> v.state() == TemplateVersion.State.PUBLISHED).findFirst();
        DraftForm form = typed != null ? typed : draft.or(() -> published)
                .map(v -> new DraftForm(v.subject(), v.body()))
                .orElseGet(() -> {
                    EventType.DefaultTemplate d = type.template(Locale.of(locale));
                    return new DraftForm(d.subject(), d.body());
                });
        names(type, locale, reader, model);
        model.addAttribute("history", history.stream().map(VersionLine::of).toList());
        model.addAttribute("draft", draft.map(TemplateVersion::version).orElse(null));
        model.addAttribute("published", published.map(TemplateVersion::version).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("problems", messagesOf(problems, reader));
        model.addAttribute("maxSubject", TemplateVersion.MAX_SUBJECT);
        model.addAttribute("maxBody", TemplateVersion.MAX_BODY);
        return "notify/template";
    }

    /** One version (0 is the catalogue's default) with its text and its letter written out with sample values. */
    String version(EventType type, String locale, int number, Locale reader, Model model) {
        Templates.Compiled compiled;
        String state;
        if (number == 0) {
            compiled = Templates.catalogueDefault(type, locale);
            state = "DEFAULT";
        } else {
            TemplateVersion v = stored(type, locale, number);
            compiled = Templates.compile(v);
            state = v.state().name();
        }
        LetterPreview.Preview letter = preview.of(type, compiled);
        names(type, locale, reader, model);
        model.addAttribute("version", number);
        model.addAttribute("state", state);
        model.addAttribute("source", new DraftForm(compiled.subject().source(), compiled.body().source()));
        model.addAttribute("letter", letter);
        return "notify/template-version";
    }

    /** The HTML letter of a version alone, for the sandboxed frame of the preview page. */
    String html(EventType type, String locale, int number) {
        Templates.Compiled compiled = number == 0 ? Templates.catalogueDefault(type, locale) : Templates.compile(stored(type, locale, number));
        return preview.of(type, compiled).html();
    }

    /** The type and the language as the page names them; a type the bundle does not name yet shows its code. */
    private void names(EventType type, String locale, Locale reader, Model model) {
        model.addAttribute("type", type);
        model.addAttribute("locale", locale);
        model.addAttribute("typeName", messages.getMessage("notify.templates.type." + type.code(), null, type.code(), reader));
        model.addAttribute("language", messages.getMessage("notify.templates.locale." + locale, null, reader));
    }

    private TemplateVersion stored(EventType type, String locale, int number) {
        return versions.version(type.code(), locale, number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The problems in the reader's language, by field. */
    private Map<String, List<String>> messagesOf(List<TemplateRefused.Problem> problems, Locale reader) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (TemplateRefused.Problem p : problems) {
            byField.computeIfAbsent(p.field(), f -> new java.util.ArrayList<>())
                    .add(messages.getMessage(p.code(), p.args().toArray(), reader));
        }
        return byField;
    }

    /** {@code staff:admin} shows as {@code admin}; other actors as they are. */
    private static String who(String actor) {
        return actor.startsWith("staff:") ? actor.substring("staff:".length()) : actor;
    }
}
