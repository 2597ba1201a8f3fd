package ru.gospochta.identity.internal.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;

/**
 * The operators' pages under {@code /admin/identity-documents} (support operators and
 * administrators, by the shell's security policy): the queue of pending scans, oldest first, both
 * those that confirm an identity (ACC-2) and the requests to restore access (ACC-5, CNT-7), each
 * marked for what it is; the review of one scan beside the account's data; the scan itself; the
 * decisions.
 */
@Controller
@RequestMapping("/admin/identity-documents")
class DocumentReviewController {

    static final int QUEUE_PAGE = 100;

    /**
     * The scan's own address: nothing in it may run, whatever a browser makes of the bytes, and
     * it is no page to frame. Images are shown inline in the review page through {@code <img>},
     * which this policy does not restrict.
     */
    static final String FILE_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

    private final IdentityDocuments documents;
    private final Accounts accounts;
    private final Reviews reviews;
    private final DocumentFiles files;
    private final AuditLog audit;
    private final MessageSource messages;

    DocumentReviewController(IdentityDocuments documents, Accounts accounts, Reviews reviews, DocumentFiles files,
            AuditLog audit, MessageSource messages) {
        this.documents = documents;
        this.accounts = accounts;
        this.reviews = reviews;
        this.files = files;
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * A line of the queue: identifiers masked, as the queue is only for choosing what to open.
     *
     * @param newPhone the masked phone an access request asks for; {@code null} for a confirmation
     */
    record QueueLine(UUID id, String purpose, String uploadedAt, String fullName, String snils, String phone,
            @Nullable String newPhone) {

        static QueueLine of(IdentityDocuments.Waiting w) {
            String name = w.patronymic() == null ? w.surname() + " " + w.givenName()
                    : w.surname() + " " + w.givenName() + " " + w.patronymic();
            String newPhone = w.newPhone();
            return new QueueLine(w.id(), w.purpose().name(), Readable.moment(w.uploadedAt()), name,
                    Readable.maskedSnils(w.snils()), new PhoneNumber(w.phone()).masked(),
                    newPhone == null ? null : new PhoneNumber(newPhone).masked());
        }
    }

    /**
     * What an access request asks, beside the account: the phones masked, as the operator
     * compares people, not numbers.
     *
     * @param otherPending further requests waiting for the same account, which an approval turns down
     */
    record AccessRequest(String currentPhone, String newPhone, int otherPending) {
    }

    /** What the citizen declared at registration, which the scan must show. */
    record Declared(String fullName, String birthDate, String passport, String state) {

        static Declared of(Account a) {
            return new Declared(a.fullName(), Readable.date(a.birthDate()),
                    a.passportSeries().substring(0, 2) + " " + a.passportSeries().substring(2) + " " + a.passportNumber(),
                    a.state().name());
        }
    }

    /** The scan as the review page shows it. */
    record Scan(UUID id, String status, boolean inline, String format, long kilobytes, String uploadedAt,
            @Nullable String reviewer, @Nullable String decidedAt, @Nullable String reason) {

        static Scan of(IdentityDocument d) {
            Instant decided = d.decidedAt();
            return new Scan(d.id(), d.status().name(), d.format().inline(), d.format().name(),
                    Readable.kilobytes(d.sizeBytes()), Readable.moment(d.uploadedAt()), d.reviewer(),
                    decided == null ? null : Readable.moment(decided), d.reason());
        }
    }

    @GetMapping
    String queue(Model model, Authentication staff) {
        List<QueueLine> lines = documents.queue(QUEUE_PAGE).stream().map(QueueLine::of).toList();
        model.addAttribute("lines", lines);
        model.addAttribute("pending", documents.pendingCount());
        model.addAttribute("pageSize", QUEUE_PAGE);
        model.addAttribute("admin", staff.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
        return "identity/documents/queue";
    }

    @GetMapping("/{id}")
    String review(@PathVariable UUID id, Model model) {
        IdentityDocument document = documents.byId(id).orElseThrow(DocumentReviewController::notFound);
        Account owner = accounts.byId(document.accountId()).orElseThrow(DocumentReviewController::notFound);
        model.addAttribute("scan", Scan.of(document));
        model.addAttribute("declared", Declared.of(owner));
        model.addAttribute("maxReason", Reviews.MAX_REASON);
        model.addAttribute("purpose", document.purpose().name());
        if (document.purpose() == IdentityDocument.Purpose.ACCESS_RECOVERY) {
            String newPhone = documents.newPhoneOf(id).orElseThrow(DocumentReviewController::notFound);
            int others = (int) documents.pendingOf(owner.id(), IdentityDocument.Purpose.ACCESS_RECOVERY).stream()
                    .filter(other -> !other.id().equals(id)).count();
            model.addAttribute("accessRequest", new AccessRequest(new PhoneNumber(owner.phone()).masked(),
                    new PhoneNumber(newPhone).masked(), others));
        }
        return "identity/documents/review";
    }

    /** The scan, to operators only; every look at it is journalled, as it is a person's passport. */
    @GetMapping("/{id}/file")
    ResponseEntity<Resource> file(@PathVariable UUID id, Authentication staff, HttpServletRequest request) {
        IdentityDocument document = documents.byId(id).orElseThrow(DocumentReviewController::notFound);
        Path path = files.path(document.storedName());
        if (!Files.isRegularFile(path)) {
            throw notFound();
        }
        audit.record(AuditEntry.of("staff:" + staff.getName(), "identity.document.view", "identity-document:" + id,
                AuditOutcome.SUCCESS).from(request.getRemoteAddr()).with("account", document.accountId().toString()));
        String fileName = "passport-scan-" + Readable.isoDay(document.uploadedAt()) + "." + document.format().extension();
        ContentDisposition disposition = (document.format().inline() ? ContentDisposition.inline()
                : ContentDisposition.attachment()).filename(fileName).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.format().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", FILE_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(path));
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable UUID id, Authentication staff, HttpServletRequest request, Model model,
            HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        try {
            IdentityDocument.Purpose purpose = reviews.approve(id, staff.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("decided",
                    purpose == IdentityDocument.Purpose.ACCESS_RECOVERY ? "restored" : "approved");
            return "redirect:/admin/identity-documents";
        } catch (ReviewRefused refused) {
            return refused(id, refused, "", model, response, redirect, locale);
        }
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(name = "reason", defaultValue = "") String reason,
            Authentication staff, HttpServletRequest request, Model model, HttpServletResponse response,
            RedirectAttributes redirect, Locale locale) {
        try {
            IdentityDocument.Purpose purpose = reviews.reject(id, reason, staff.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("decided",
                    purpose == IdentityDocument.Purpose.ACCESS_RECOVERY ? "request-rejected" : "rejected");
            return "redirect:/admin/identity-documents";
        } catch (ReviewRefused refused) {
            return refused(id, refused, reason, model, response, redirect, locale);
        }
    }

    /** The review page again with the explanation, and the typed reason kept for correcting. */
    private String refused(UUID id, ReviewRefused refused, String typedReason, Model model,
            HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        if (refused.reason() == ReviewRefused.Reason.GONE) {
            redirect.addFlashAttribute("decided", "gone");
            return "redirect:/admin/identity-documents";
        }
        boolean aboutReason = refused.reason() == ReviewRefused.Reason.REASON_MISSING
                || refused.reason() == ReviewRefused.Reason.REASON_TOO_LONG;
        response.setStatus(aboutReason ? HttpStatus.UNPROCESSABLE_CONTENT.value() : HttpStatus.CONFLICT.value());
        var state = refused.accountState();
        String stateWord = state == null ? "" : messages.getMessage(
                "identity.documents.state." + state.name().toLowerCase(Locale.ROOT), null, locale);
        model.addAttribute("refusalKey", refused.reason().messageKey());
        model.addAttribute("refusalState", stateWord);
        model.addAttribute("reasonRefused", aboutReason);
        model.addAttribute("typedReason", typedReason);
        return review(id, model);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
