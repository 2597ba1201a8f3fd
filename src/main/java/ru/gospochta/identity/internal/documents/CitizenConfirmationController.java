package ru.gospochta.identity.internal.documents;

import java.io.InputStream;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.documents.UploadRefused.Reason;

/**
 * «Подтверждение личности» in the cabinet (ACC-2): the account's state in words and, for an active
 * account, the upload of a passport scan and the fate of the last one. The citizen only ever sees
 * their own document's status, never a file: the files are served to operators alone.
 *
 * <p>The upload answers with a redirect back to the page whatever happened (post/redirect/get);
 * a body the container could not read arrives marked by {@link UnreadableUploads} and is refused
 * like any other.
 */
@Controller
class CitizenConfirmationController {

    static final String PAGE = "/identity-confirmation";
    static final String UPLOAD = "/identity-confirmation/document";
    /** Flash attribute: the {@link Reason} an upload was refused for. */
    private static final String REFUSAL = "refusal";
    private static final String UPLOADED = "uploaded";

    private final Accounts accounts;
    private final IdentityDocuments documents;
    private final Confirmations confirmations;
    private final ScanInspection inspection;

    CitizenConfirmationController(Accounts accounts, IdentityDocuments documents, Confirmations confirmations,
            ScanInspection inspection) {
        this.accounts = accounts;
        this.documents = documents;
        this.confirmations = confirmations;
        this.inspection = inspection;
    }

    /** The last document as its owner sees it. */
    record OwnDocument(String status, String uploadedAt, @Nullable String decidedAt, @Nullable String reason) {

        static OwnDocument of(IdentityDocument d) {
            Instant decided = d.decidedAt();
            return new OwnDocument(d.status().name(), Readable.moment(d.uploadedAt()),
                    decided == null ? null : Readable.moment(decided), d.reason());
        }
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Account account = accounts.byId(me.accountId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("state", account.state().name());
        model.addAttribute("document", documents.latestConfirmationOf(account.id()).map(OwnDocument::of).orElse(null));
        model.addAttribute("limitMegabytes", Readable.megabytes(inspection.limit()));
        model.addAttribute("accept", acceptAttribute());
        if (model.getAttribute(REFUSAL) instanceof Reason reason) {
            model.addAttribute("refusalKey", reason.messageKey());
        }
        return "identity/documents/citizen";
    }

    @PostMapping(UPLOAD)
    String upload(@AuthenticationPrincipal CitizenPrincipal me,
            @RequestParam(name = "scan", required = false) @Nullable MultipartFile scan,
            HttpServletRequest request, RedirectAttributes redirect) {
        ScanUpload upload = scan == null
                ? new ScanUpload("", null, InputStream::nullInputStream)
                : new ScanUpload(scan.getOriginalFilename() == null ? "" : scan.getOriginalFilename(),
                        scan.getContentType(), scan);
        if (request.getAttribute(UnreadableUploads.REFUSAL) instanceof Reason unreadable) {
            confirmations.refusedUpload(me.accountId(), unreadable, request.getRemoteAddr());
            redirect.addFlashAttribute(REFUSAL, unreadable);
            return "redirect:" + PAGE;
        }
        try {
            confirmations.submit(me.accountId(), upload, request.getRemoteAddr());
            redirect.addFlashAttribute(UPLOADED, true);
        } catch (UploadRefused refused) {
            redirect.addFlashAttribute(REFUSAL, refused.reason());
        }
        return "redirect:" + PAGE;
    }

    /** What the file chooser offers: the accepted extensions and types, a hint the server does not rely on. */
    static String acceptAttribute() {
        StringBuilder accept = new StringBuilder();
        for (ScanFormat format : ScanFormat.values()) {
            accept.append(accept.isEmpty() ? "" : ",").append('.').append(format.extension())
                    .append(',').append(format.mediaType());
        }
        return accept.append(",.jpeg").toString();
    }
}
