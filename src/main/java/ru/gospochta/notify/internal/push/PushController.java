package ru.gospochta.notify.internal.push;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.RequestContextUtils;

import ru.gospochta.identity.CitizenPrincipal;

/**
 * Push notifications in this browser (NTF-3, NTF-5): the page with «Включить уведомления в этом
 * браузере», which {@code push.js} drives (permission, service worker, subscription), the server's
 * public key the subscription is made with, and the list of the citizen's browsers with «Отключить».
 * Another account's browser is «not found», the same as one that does not exist.
 */
@Controller
@RequestMapping(PushController.BASE)
class PushController {

    static final String BASE = "/cabinet/notifications/push";
    private static final ZoneId PORTAL_ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final PushSubscriptions subscriptions;
    private final VapidKeys vapid;
    private final PushProperties properties;
    private final MessageSource messages;

    PushController(PushSubscriptions subscriptions, VapidKeys vapid, PushProperties properties, MessageSource messages) {
        this.subscriptions = subscriptions;
        this.vapid = vapid;
        this.properties = properties;
        this.messages = messages;
    }

    /** A browser as the list shows it; times in the portal's zone, the last delivery empty before the first. */
    record Device(UUID id, String name, String since, @Nullable String lastDelivery) {
    }

    /** What {@code PushSubscription.toJSON()} gives; anything may be missing from a hand-made request. */
    record BrowserSubscription(@Nullable String endpoint, @Nullable Keys keys) {

        record Keys(@Nullable String p256dh, @Nullable String auth) {
        }
    }

    @GetMapping
    String page(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("pushDevices", devices(me));
        return "notify/push-page";
    }

    /** The list alone, for htmx to refresh it after this browser subscribed. */
    @GetMapping("/devices")
    String devices(@AuthenticationPrincipal CitizenPrincipal me, Model model) {
        model.addAttribute("pushDevices", devices(me));
        return "notify/push :: devices";
    }

    @GetMapping(path = "/key", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    String key() {
        return vapid.publicKey();
    }

    @PostMapping(path = "/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> subscribe(@AuthenticationPrincipal CitizenPrincipal me,
            @RequestBody BrowserSubscription browser, HttpServletRequest request) {
        BrowserSubscription.Keys keys = browser.keys();
        try {
            ValidSubscription valid = ValidSubscription.check(browser.endpoint(), keys == null ? null : keys.p256dh(),
                    keys == null ? null : keys.auth(), properties.endpointHosts(), properties.allowLocalEndpoints());
            Subscription saved = subscriptions.subscribe(me.accountId(), valid,
                    BrowserNames.describe(request.getHeader(HttpHeaders.USER_AGENT)));
            return ResponseEntity.created(URI.create(BASE + "/subscriptions/" + saved.id()))
                    .body(Map.of("id", saved.id().toString()));
        } catch (ValidSubscription.Refused refused) {
            String message = messages.getMessage(refused.code(), null, RequestContextUtils.getLocale(request));
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(Map.of("code", refused.code(), "message", message));
        }
    }

    @DeleteMapping("/subscriptions/{id}")
    ResponseEntity<Void> unsubscribe(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id) {
        removeOwn(me, id);
        return ResponseEntity.noContent().build();
    }

    /** «Отключить» as a form: works without script; with htmx the list answers in place of the page. */
    @PostMapping("/subscriptions/{id}/remove")
    String remove(@AuthenticationPrincipal CitizenPrincipal me, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        removeOwn(me, id);
        if ("true".equals(request.getHeader("HX-Request"))) {
            return devices(me, model);
        }
        return "redirect:" + BASE + "?removed";
    }

    private void removeOwn(CitizenPrincipal me, UUID id) {
        if (!subscriptions.remove(me.accountId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private List<Device> devices(CitizenPrincipal me) {
        return subscriptions.of(me.accountId()).stream()
                .map(s -> new Device(s.id(), s.userAgent(), time(s.createdAt()),
                        s.lastSuccessAt() == null ? null : time(s.lastSuccessAt())))
                .toList();
    }

    private static String time(Instant at) {
        return TIME.format(at.atZone(PORTAL_ZONE));
    }
}
