package ru.gospochta.contacts.internal.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.contacts.internal.email.EmailChanges;
import ru.gospochta.contacts.internal.email.EmailChanges.ReportRefused;

/**
 * The page behind the link in the «Адрес электронной почты изменён» letter (CNT-4). It is public:
 * whoever holds the old mailbox may not be able to sign in any more. Opening it changes nothing
 * (mail scanners open links); only the button does.
 */
@Controller
@RequestMapping("/contacts/not-me")
class NotMeController {

    private static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");

    private final EmailChanges changes;

    NotMeController(EmailChanges changes) {
        this.changes = changes;
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        var change = changes.byToken(token);
        if (change.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("refusal", "contacts.not-me.unknown");
            return "contacts/not-me";
        }
        // A used or outdated link says so at once rather than offering a button that cannot work.
        change.flatMap(changes::refusalOf).ifPresent(refusal -> {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("refusal", refusal.code());
        });
        if (model.containsAttribute("refusal")) {
            return "contacts/not-me";
        }
        Locale locale = RequestContextUtils.getLocale(request);
        model.addAttribute("token", token);
        model.addAttribute("changedAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).format(change.get().changedAt().atZone(PORTAL_ZONE)));
        model.addAttribute("newAddress", change.get().newAddressMasked());
        return "contacts/not-me";
    }

    @PostMapping
    String report(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        try {
            changes.report(token, request.getRemoteAddr(), RequestContextUtils.getLocale(request));
            model.addAttribute("done", true);
        } catch (ReportRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("refusal", refused.code());
        }
        return "contacts/not-me";
    }
}
