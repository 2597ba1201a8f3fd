package ru.gospochta.platform.internal.mail;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * «Проверить письмо» (NTF-6): anyone holding a letter types its code, or pastes the letter, and
 * learns whether the portal sent it. Open without signing in — a doubtful letter is most often read
 * by someone who should not follow its links to a sign-in page. Checks are limited per address, so
 * the page cannot be used to walk the space of codes.
 */
@Controller
class LetterCheckController {

    static final String PATH = "/check-letter";
    static final int CHECKS_PER_MINUTE = 20;
    static final int MAX_INPUT = 100_000;
    private static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final LetterCodes codes;
    private final Clock clock;
    private final Map<String, long[]> checks = new ConcurrentHashMap<>();

    LetterCheckController(LetterCodes codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String form() {
        return "platform/letter-check";
    }

    @PostMapping(PATH)
    String check(@RequestParam(name = "letter", required = false) @Nullable String letter, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("letter", letter == null ? "" : letter);
        if (letter == null || letter.isBlank()) {
            model.addAttribute("problem", "platform.letter-check.empty");
            return "platform/letter-check";
        }
        if (letter.length() > MAX_INPUT) {
            model.addAttribute("problem", "platform.letter-check.too-long");
            model.addAttribute("letter", "");
            return "platform/letter-check";
        }
        if (!allowed(request.getRemoteAddr())) {
            response.setStatus(429);
            model.addAttribute("problem", "platform.letter-check.too-many");
            return "platform/letter-check";
        }
        Optional<LetterCodes.Registered> found = codes.find(letter);
        model.addAttribute("checked", true);
        found.ifPresent(r -> {
            model.addAttribute("genuine", r);
            model.addAttribute("sentAt", SHOWN.format(r.sentAt().atZone(PORTAL_ZONE)));
        });
        return "platform/letter-check";
    }

    /** A fixed window a minute long per source address; enough to stop guessing, invisible to a person. */
    private boolean allowed(String address) {
        long minute = clock.millis() / 60_000;
        long[] window = checks.compute(address, (a, w) -> w == null || w[0] != minute ? new long[] {minute, 1}
                : new long[] {minute, w[1] + 1});
        if (checks.size() > 10_000) {
            checks.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
        return window[1] <= CHECKS_PER_MINUTE;
    }
}
