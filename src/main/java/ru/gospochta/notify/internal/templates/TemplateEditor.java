package ru.gospochta.notify.internal.templates;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.notify.internal.catalogue.EventType;
import ru.gospochta.notify.internal.templates.TemplateRefused.Problem;

/**
 * The administrators' side of templates (NTF-4): one draft per type and language, checked against
 * the type's variables before it is kept; publishing puts it in force and retires the version it
 * replaces; returning to the default retires the published one. Publications are audited.
 */
@Service
public class TemplateEditor {

    private final TemplateVersions versions;
    private final Templates templates;
    private final AuditLog audit;
    private final Clock clock;

    TemplateEditor(TemplateVersions versions, Templates templates, AuditLog audit, Clock clock) {
        this.versions = versions;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Keeps the text as the type's draft in the language: rewrites the draft there is, or starts
     * the next version.
     *
     * @param actor who saves, as the audit log names actors, e.g. {@code staff:admin}
     * @throws TemplateRefused with every problem of the text; nothing is kept then
     */
    @Transactional
    public TemplateVersion saveDraft(EventType type, String locale, String typedSubject, String typedBody, String actor,
            @Nullable String sourceIp) {
        String subject = typedSubject.strip();
        String body = typedBody.replace("\r\n", "\n").replace('\r', '\n').strip();
        refuseProblems(check(type, subject, body));
        checkLocale(locale);
        versions.lock(type.code(), locale);
        Instant now = clock.instant();
        Optional<TemplateVersion> draft = versions.inState(type.code(), locale, TemplateVersion.State.DRAFT);
        TemplateVersion saved;
        if (draft.isPresent()) {
            versions.rewriteDraft(draft.get().id(), subject, body, actor, now);
            saved = versions.version(type.code(), locale, draft.get().version()).orElseThrow();
        } else {
            saved = new TemplateVersion(UUID.randomUUID(), type.code(), locale, versions.nextNumber(type.code(), locale), subject,
                    body, TemplateVersion.State.DRAFT, actor, now, null, null);
            versions.insert(saved);
        }
        audit.record(entry(actor, "notify.template-draft-saved", type, locale, sourceIp)
                .with("version", String.valueOf(saved.version())));
        return saved;
    }

    /**
     * Puts the draft of that number in force; the version it replaces is retired. Letters written
     * on this node use it at once, on other nodes within {@link Templates#CACHE}.
     *
     * @throws TemplateRefused when that version is not the draft, or its text no longer fits the type
     */
    @Transactional
    public TemplateVersion publish(EventType type, String locale, int version, String actor, @Nullable String sourceIp) {
        checkLocale(locale);
        versions.lock(type.code(), locale);
        TemplateVersion draft = versions.version(type.code(), locale, version)
                .filter(v -> v.state() == TemplateVersion.State.DRAFT)
                .orElseThrow(() -> new TemplateRefused(List.of(Problem.of("version", "notify.templates.problem.no-draft",
                        String.valueOf(version)))));
        refuseProblems(check(type, draft.subject(), draft.body()));
        Optional<Integer> retired = versions.retirePublished(type.code(), locale);
        versions.publish(draft.id(), actor, clock.instant());
        AuditEntry entry = entry(actor, "notify.template-published", type, locale, sourceIp).with("version", String.valueOf(version));
        audit.record(retired.map(r -> entry.with("retired", String.valueOf(r))).orElse(entry));
        forgetAfterCommit();
        return versions.version(type.code(), locale, version).orElseThrow();
    }

    /**
     * Retires the published version, so letters go out with the catalogue's default again.
     *
     * @return the number of the version retired; empty when the default was already in force
     */
    @Transactional
    public Optional<Integer> revertToDefault(EventType type, String locale, String actor, @Nullable String sourceIp) {
        checkLocale(locale);
        versions.lock(type.code(), locale);
        Optional<Integer> retired = versions.retirePublished(type.code(), locale);
        retired.ifPresent(version -> {
            audit.record(entry(actor, "notify.template-reverted", type, locale, sourceIp).with("retired", String.valueOf(version)));
            forgetAfterCommit();
        });
        return retired;
    }

    /** Every problem of a text for the type: lengths, tags that do not parse, variables the type does not have. */
    public static List<Problem> check(EventType type, String subject, String body) {
        List<Problem> problems = new ArrayList<>();
        if (subject.isBlank()) {
            problems.add(Problem.of("subject", "notify.templates.problem.subject-blank"));
        } else if (subject.length() > TemplateVersion.MAX_SUBJECT) {
            problems.add(Problem.of("subject", "notify.templates.problem.subject-too-long",
                    String.valueOf(TemplateVersion.MAX_SUBJECT), String.valueOf(subject.length())));
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            problems.add(Problem.of("subject", "notify.templates.problem.subject-one-line"));
        }
        if (body.isBlank()) {
            problems.add(Problem.of("body", "notify.templates.problem.body-blank"));
        } else if (body.length() > TemplateVersion.MAX_BODY) {
            problems.add(Problem.of("body", "notify.templates.problem.body-too-long",
                    String.valueOf(TemplateVersion.MAX_BODY), String.valueOf(body.length())));
        }
        checkText(type, "subject", subject, problems);
        checkText(type, "body", body, problems);
        return problems;
    }

    private static void checkText(EventType type, String field, String text, List<Problem> problems) {
        TemplateText parsed;
        try {
            parsed = TemplateText.parse(text);
        } catch (TemplateText.Malformed malformed) {
            String name = malformed.fragment();
            problems.add(switch (malformed.reason()) {
                case NOT_CLOSED -> Problem.of(field, "notify.templates.problem.not-closed", "{{#" + name + "}}", "{{/" + name + "}}");
                case CLOSES_NOTHING -> Problem.of(field, "notify.templates.problem.closes-nothing", "{{/" + name + "}}");
                case STRAY_BRACES -> Problem.of(field, "notify.templates.problem.stray-braces", name);
            });
            return;
        }
        for (String name : parsed.variables()) {
            if (type.variable(name).isEmpty()) {
                problems.add(Problem.of(field, "notify.templates.problem.unknown-variable", "{{" + name + "}}"));
            }
        }
    }

    private static void refuseProblems(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new TemplateRefused(problems);
        }
    }

    private static void checkLocale(String locale) {
        if (!TemplateVersion.LOCALES.contains(locale)) {
            throw new IllegalArgumentException("no templates in language " + locale);
        }
    }

    private static AuditEntry entry(String actor, String action, EventType type, String locale, @Nullable String sourceIp) {
        AuditEntry entry = AuditEntry.of(actor, action, "template:" + type.code() + "/" + locale, AuditOutcome.SUCCESS)
                .with("type", type.code()).with("locale", locale);
        return sourceIp == null ? entry : entry.from(sourceIp);
    }

    /** Forgetting before the commit would let a letter written meanwhile load the old version and keep it for another interval. */
    private void forgetAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    templates.forget();
                }
            });
        } else {
            templates.forget();
        }
    }
}
