package ru.gospochta.notify.internal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ru.gospochta.notify.internal.delivery.UnsubscribeTokens;
import ru.gospochta.notify.internal.delivery.UnsubscribeTokens.Unsubscribe;
import ru.gospochta.notify.internal.preferences.PreferenceChanges;

/**
 * One-click unsubscribe (RFC 8058, NTF-6), public because a letter's reader need not be signed in.
 * Opening the link changes nothing — mail scanners open links — and shows one button; the POST
 * stops e-mail of the letter's category. Mail clients POST {@code List-Unsubscribe=One-Click} to
 * the link itself, token in the query and no CSRF token, so CSRF is off for this path alone: the
 * signed token is what proves the request, and it can only switch mail off.
 */
@Controller
@RequestMapping("/notifications/unsubscribe")
class UnsubscribeController {

    private static final String PAGE = "notify/unsubscribe";

    private final UnsubscribeTokens tokens;
    private final PreferenceChanges changes;

    UnsubscribeController(UnsubscribeTokens tokens, PreferenceChanges changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    @GetMapping
    String confirm(@RequestParam(name = "t", defaultValue = "") String token, HttpServletResponse response, Model model) {
        Optional<Unsubscribe> link = valid(token, response, model);
        link.ifPresent(l -> model.addAttribute("token", token));
        return PAGE;
    }

    @PostMapping
    String unsubscribe(@RequestParam(name = "t", defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<Unsubscribe> link = valid(token, response, model);
        link.ifPresent(l -> {
            changes.unsubscribe(l.account(), l.category(), request.getRemoteAddr());
            model.addAttribute("done", true);
        });
        return PAGE;
    }

    /**
     * The link's account and category, or empty with the refusal on the page: a forged or damaged
     * token is a bad request; a mandatory category is never in a letter's link, and if one arrives
     * all the same it is refused, since those notices cannot be switched off.
     */
    private Optional<Unsubscribe> valid(String token, HttpServletResponse response, Model model) {
        Optional<Unsubscribe> link = tokens.read(token);
        if (link.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("refusal", "notify.unsubscribe.invalid");
            return Optional.empty();
        }
        model.addAttribute("category", link.get().category().code());
        model.addAttribute("promotional", link.get().category().promotional());
        if (link.get().category().mandatory()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("refusal", "notify.unsubscribe.mandatory");
            return Optional.empty();
        }
        return link;
    }
}
