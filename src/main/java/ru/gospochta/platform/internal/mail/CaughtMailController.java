package ru.gospochta.platform.internal.mail;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admin pages of the mail catcher: the list of caught letters, and each letter with its headers,
 * text part and HTML part. The HTML part is served on its own address under a sandbox policy
 * and shown in a sandboxed frame, so a letter's markup can never act on the admin page.
 */
@Controller
@ConditionalOnProperty(name = "gospochta.mail.mode", havingValue = "catcher", matchIfMissing = true)
class CaughtMailController {

    static final String LETTER_HTML_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private final MailCatcher catcher;
    private final ObjectProvider<DkimSigner> signer;

    CaughtMailController(MailCatcher catcher, ObjectProvider<DkimSigner> signer) {
        this.catcher = catcher;
        this.signer = signer;
    }

    @GetMapping("/admin/mail")
    String list(Model model) {
        List<MimeMessage> letters = catcher.letters();
        List<CaughtLetter> newestFirst = new ArrayList<>(letters.size());
        for (int i = letters.size(); i >= 1; i--) {
            newestFirst.add(CaughtLetter.of(i, letters.get(i - 1)));
        }
        model.addAttribute("letters", newestFirst);
        model.addAttribute("smtpPort", catcher.smtpPort());
        model.addAttribute("imapPort", catcher.imapPort());
        model.addAttribute("host", catcher.host());
        DkimSigner active = signer.getIfAvailable();
        if (active != null) {
            DkimKey first = active.keys().getFirst();
            model.addAttribute("dkimDomain", first.domain());
            model.addAttribute("dkimSelector", active.keys().stream().map(DkimKey::selector).collect(java.util.stream.Collectors.joining(", ")));
            model.addAttribute("dkimRecords", active.keys().stream().map(DkimKey::zoneFileLine).toList());
        }
        return "admin/mail-list";
    }

    @GetMapping("/admin/mail/{number}")
    String letter(@PathVariable int number, Model model) {
        model.addAttribute("letter", CaughtLetter.of(number, find(number)));
        return "admin/mail-letter";
    }

    @GetMapping(value = "/admin/mail/{number}/html", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String html(@PathVariable int number, HttpServletResponse response) {
        CaughtLetter letter = CaughtLetter.of(number, find(number));
        if (letter.html() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader("Content-Security-Policy", LETTER_HTML_POLICY);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        return letter.html();
    }

    private MimeMessage find(int number) {
        return catcher.letter(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
