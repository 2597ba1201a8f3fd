package ru.gospochta.notify.internal.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ru.gospochta.contacts.ContactEmails;
import ru.gospochta.identity.CitizenPrincipal;
import ru.gospochta.notify.Category;
import ru.gospochta.notify.Channel;
import ru.gospochta.notify.Frequency;
import ru.gospochta.notify.internal.preferences.PreferenceChanges;
import ru.gospochta.notify.internal.preferences.Preferences;
import ru.gospochta.notify.internal.preferences.PreferencesStore;

/**
 * «Настройки уведомлений» (NTF-3): the grid of categories and channels with a frequency per
 * category, the digest time, letter format, quiet hours, time zone and the consent to news of
 * services — one form, one POST, working without JavaScript. A refused form comes back as it was
 * filled in with a message at each wrong field; a saved one redirects, so reloading never posts again.
 */
@Controller
@RequestMapping("/cabinet/notifications")
class NotificationSettingsController {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final PreferencesStore store;
    private final PreferenceChanges changes;
    private final ContactEmails emails;
    private final Clock clock;

    NotificationSettingsController(PreferencesStore store, PreferenceChanges changes, ContactEmails emails, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.emails = emails;
        this.clock = clock;
    }

    @GetMapping
    String page(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        Preferences current = store.of(me.accountId());
        return show(me, current, SettingsForm.of(current), Map.of(), model);
    }

    @PostMapping
    String save(@AuthenticationPrincipal CitizenPrincipal me, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        Preferences current = store.of(me.accountId());
        Set<ZoneId> zones = Set.copyOf(TimeZones.offered(current.zone()));
        SettingsInput.Reading reading = SettingsInput.read(params, zones, clock.instant());
        if (reading.preferences() == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return show(me, current, reading.form(), reading.problems(), model);
        }
        changes.save(me.accountId(), reading.preferences(), request.getRemoteAddr());
        flash.addFlashAttribute("saved", true);
        return "redirect:/cabinet/notifications";
    }

    private String show(CitizenPrincipal me, Preferences current, SettingsForm form, Map<String, String> problems,
            Model model) {
        Instant now = clock.instant();
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("channels", List.of(Channel.values()));
        model.addAttribute("frequencies", List.of(Frequency.values()));
        model.addAttribute("hours", IntStream.rangeClosed(0, 23).boxed().toList());
        model.addAttribute("days", List.of(DayOfWeek.values()));
        model.addAttribute("monthDays", IntStream.rangeClosed(1, 28).boxed().toList());
        model.addAttribute("formats", List.of(Preferences.LetterFormat.values()));
        model.addAttribute("languages", List.of(Preferences.Language.values()));
        model.addAttribute("zones", TimeZones.shown(TimeZones.offered(current.zone()), now));
        model.addAttribute("noEmail", emails.deliverableEmail(me.accountId()).isEmpty());
        Instant consent = current.promotionalConsentAt();
        model.addAttribute("consentSince", consent == null ? null : DATE.format(consent.atZone(current.zone())));
        return "notify/settings";
    }
}
