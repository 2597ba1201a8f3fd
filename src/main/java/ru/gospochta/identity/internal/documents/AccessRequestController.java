package ru.gospochta.identity.internal.documents;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.Waits;
import ru.gospochta.identity.internal.signin.CodeRejected;

/**
 * The public pages of an access request through support (ACC-5, CNT-7), for someone who can
 * neither sign in nor use «Забыли пароль?»: who they are and a new phone, the code sent to that
 * phone, the passport scan, and one answer for every complete request. Each step finds the draft
 * in the session and sends the visitor back to the first step when there is none. This class is
 * also where the refusals of a request become messages.
 */
@Controller
@RequestMapping(AccessRequestController.PAGE)
class AccessRequestController {

    static final String PAGE = "/recover/support";
    static final String UPLOAD = PAGE + "/document";
    private static final String CODE = PAGE + "/code";
    private static final String DONE = PAGE + "/done";

    private final AccessRequests requests;
    private final ScanInspection inspection;
    private final MessageSource messages;
    private final Waits waits;
    private final Clock clock;

    AccessRequestController(AccessRequests requests, ScanInspection inspection, MessageSource messages, Waits waits,
            Clock clock) {
        this.requests = requests;
        this.inspection = inspection;
        this.messages = messages;
        this.waits = waits;
        this.clock = clock;
    }

    @GetMapping
    String start(HttpServletRequest request, Model model) {
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("underway", draft(request).filter(d -> !d.isPhoneConfirmed()).isPresent());
        return "identity/support/start";
    }

    @PostMapping
    String start(@RequestParam Map<String, String> posted, HttpServletRequest request, HttpServletResponse response,
            Locale locale, Model model) {
        AccessRequestForm form = AccessRequestForm.from(posted);
        AccessRequestForm.Read read = form.read(clock);
        model.addAttribute("values", form.values());
        if (!read.valid()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("errors", read.errors());
            return start(request, model);
        }
        AccessRequestDraft draft = AccessRequestDraft.of(read.snils().digits(), read.name(), read.birthDate().date(),
                read.phone().e164());
        try {
            save(request.getSession(), requests.start(draft, request.getRemoteAddr(), locale));
            return "redirect:" + CODE;
        } catch (AccessRequestRefused refused) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", refusal(refused, locale));
            return start(request, model);
        }
    }

    /**
     * The hint under one field as the person types (htmx): only the rules of the value itself,
     * which say nothing about any account.
     */
    @PostMapping("/check/{field}")
    String check(@PathVariable String field, @RequestParam Map<String, String> posted, Model model) {
        String known = AccessRequestForm.FIELDS.contains(field) ? field : "unknown";
        model.addAttribute("field", known);
        model.addAttribute("codes", known.equals("unknown") ? List.of()
                : AccessRequestForm.from(posted).read(clock).errors().getOrDefault(known, List.of()));
        return "identity/web/fragments :: hint(field=${field}, codes=${codes})";
    }

    @GetMapping("/code")
    String code(HttpServletRequest request, Model model) {
        Optional<AccessRequestDraft> draft = draft(request);
        if (draft.isEmpty()) {
            return "redirect:" + PAGE;
        }
        if (draft.get().isPhoneConfirmed()) {
            return "redirect:" + UPLOAD;
        }
        return codePage(draft.get(), model);
    }

    @PostMapping("/code")
    String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Locale locale, Model model,
            RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        Optional<AccessRequestDraft> draft = draft(session);
        if (draft.isEmpty()) {
            return "redirect:" + PAGE;
        }
        if (draft.get().isPhoneConfirmed()) {
            return "redirect:" + UPLOAD;
        }
        try {
            AccessRequestDraft confirmed = requests.confirmPhone(draft.get(),
                    code.length() > AccessRequestForm.MAX_FIELD ? "" : code);
            // The session now vouches for the phone: a new id, so one planted earlier is worth nothing.
            request.changeSessionId();
            save(request.getSession(), confirmed);
            return "redirect:" + UPLOAD;
        } catch (CodeRejected rejected) {
            model.addAttribute("error", text("support.code." + rejected.reason().name().toLowerCase(Locale.ROOT),
                    locale, rejected.triesLeft()));
        } catch (AccessRequestRefused refused) {
            if (refused.reason() == AccessRequestRefused.Reason.PHONE_TAKEN) {
                return startAgainWithOtherPhone(draft.get(), session, redirect, locale);
            }
            model.addAttribute("error", refusal(refused, locale));
        }
        return codePage(draft.get(), model);
    }

    @PostMapping("/resend")
    String resend(HttpServletRequest request, Locale locale, Model model, RedirectAttributes redirect) {
        Optional<AccessRequestDraft> draft = draft(request.getSession());
        if (draft.isEmpty() || draft.get().isPhoneConfirmed()) {
            return "redirect:" + PAGE;
        }
        try {
            save(request.getSession(), requests.resend(draft.get(), request.getRemoteAddr(), locale));
            redirect.addFlashAttribute("notice", text("support.code.resent", locale));
            return "redirect:" + CODE;
        } catch (AccessRequestRefused refused) {
            model.addAttribute("error", refusal(refused, locale));
            return codePage(draft.get(), model);
        }
    }

    @GetMapping("/document")
    String document(HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        HttpSession session = request.getSession();
        Optional<AccessRequestDraft> draft = draft(session);
        if (draft.isEmpty() || !draft.get().mayHandInScan(clock.instant())) {
            return notNow(draft, session, redirect, locale);
        }
        model.addAttribute("limitMegabytes", Readable.megabytes(inspection.limit()));
        model.addAttribute("accept", CitizenConfirmationController.acceptAttribute());
        model.addAttribute("phone", new PhoneNumber(draft.get().newPhone()).masked());
        if (model.getAttribute("refusal") instanceof UploadRefused.Reason reason) {
            model.addAttribute("refusalKey", reason.messageKey());
        }
        return "identity/support/document";
    }

    /** The scan, a multipart body read first by {@link UnreadableUploads}; answers with a redirect whatever happened. */
    @PostMapping("/document")
    String document(@RequestParam(name = "scan", required = false) @Nullable MultipartFile scan,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        HttpSession session = request.getSession();
        Optional<AccessRequestDraft> draft = draft(session);
        if (draft.isEmpty() || !draft.get().mayHandInScan(clock.instant())) {
            return notNow(draft, session, redirect, locale);
        }
        if (request.getAttribute(UnreadableUploads.REFUSAL) instanceof UploadRefused.Reason unreadable) {
            requests.refusedUpload(unreadable, request.getRemoteAddr());
            redirect.addFlashAttribute("refusal", unreadable);
            return "redirect:" + UPLOAD;
        }
        ScanUpload upload = scan == null
                ? new ScanUpload("", null, InputStream::nullInputStream)
                : new ScanUpload(scan.getOriginalFilename() == null ? "" : scan.getOriginalFilename(),
                        scan.getContentType(), scan);
        try {
            requests.submit(draft.get(), upload, request.getRemoteAddr());
        } catch (UploadRefused refused) {
            redirect.addFlashAttribute("refusal", refused.reason());
            return "redirect:" + UPLOAD;
        } catch (AccessRequestRefused refused) {
            return switch (refused.reason()) {
                case PHONE_TAKEN -> startAgainWithOtherPhone(draft.get(), session, redirect, locale);
                case EXPIRED -> notNow(draft, session, redirect, locale);
                default -> {
                    redirect.addFlashAttribute("refusalText", refusal(refused, locale));
                    yield "redirect:" + UPLOAD;
                }
            };
        }
        // One answer for every complete request, whether or not it named an account.
        session.removeAttribute(AccessRequestDraft.SESSION_ATTRIBUTE);
        redirect.addFlashAttribute("submittedTo", new PhoneNumber(draft.get().newPhone()).masked());
        return "redirect:" + DONE;
    }

    @GetMapping("/done")
    String done(Model model) {
        return model.containsAttribute("submittedTo") ? "identity/support/done" : "redirect:" + PAGE;
    }

    private String codePage(AccessRequestDraft draft, Model model) {
        model.addAttribute("resendIn", draft.secondsUntilResend(clock.instant()));
        model.addAttribute("phone", new PhoneNumber(draft.newPhone()).masked());
        return "identity/support/code";
    }

    /**
     * Back to the first page with what the person typed, but for the phone, which they must
     * change: it belongs to an account, and they have just shown that they hold it.
     */
    private String startAgainWithOtherPhone(AccessRequestDraft draft, HttpSession session, RedirectAttributes redirect,
            Locale locale) {
        session.removeAttribute(AccessRequestDraft.SESSION_ATTRIBUTE);
        redirect.addFlashAttribute("values", Map.of("snils", new Snils(draft.snils()).formatted(),
                "surname", draft.surname(), "name", draft.givenName(),
                "patronymic", draft.patronymic() == null ? "" : draft.patronymic(),
                "birthDate", Readable.date(draft.birthDate()), "phone", ""));
        redirect.addFlashAttribute("errors", Map.of("phone", List.of("support.phone.taken")));
        return "redirect:" + PAGE;
    }

    /**
     * Where a visitor goes who may not hand in a scan now: back to the code while the phone is not
     * confirmed, else to the start, told that the time ran out if it did.
     */
    private String notNow(Optional<AccessRequestDraft> draft, HttpSession session, RedirectAttributes redirect,
            Locale locale) {
        if (draft.isPresent() && !draft.get().isPhoneConfirmed()) {
            return "redirect:" + CODE;
        }
        if (draft.isPresent()) {
            session.removeAttribute(AccessRequestDraft.SESSION_ATTRIBUTE);
            redirect.addFlashAttribute("error", text("support.expired", locale));
        }
        return "redirect:" + PAGE;
    }

    private String refusal(AccessRequestRefused refused, Locale locale) {
        Duration wait = refused.waitFor();
        return text(refused.reason().messageKey(), locale, wait == null ? "" : waits.inWords(wait, locale));
    }

    /** The draft without creating a session for a visitor who has none. */
    private static Optional<AccessRequestDraft> draft(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : draft(session);
    }

    private static Optional<AccessRequestDraft> draft(HttpSession session) {
        return Optional.ofNullable(session.getAttribute(AccessRequestDraft.SESSION_ATTRIBUTE))
                .filter(AccessRequestDraft.class::isInstance).map(AccessRequestDraft.class::cast);
    }

    private static void save(HttpSession session, AccessRequestDraft draft) {
        session.setAttribute(AccessRequestDraft.SESSION_ATTRIBUTE, draft);
    }

    private String text(String code, Locale locale, @Nullable Object... args) {
        return messages.getMessage(code, args, locale);
    }
}
