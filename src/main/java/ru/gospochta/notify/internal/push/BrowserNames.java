package ru.gospochta.notify.internal.push;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * «Chrome, Windows»: how the list of subscribed browsers names one, from its User-Agent, so the
 * citizen can tell the phone from the office computer. Brand and system names are the same in
 * every language; a User-Agent not recognised is named by the page («Браузер»).
 */
final class BrowserNames {

    /** Checked in order: Chromium-based browsers also claim Chrome and Safari, so they go first. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("YaBrowser/", "Yandex Browser"), Map.entry("Edg/", "Edge"), Map.entry("EdgA/", "Edge"),
            Map.entry("OPR/", "Opera"), Map.entry("SamsungBrowser/", "Samsung Internet"), Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"), Map.entry("CriOS/", "Chrome"), Map.entry("Chrome/", "Chrome"),
            Map.entry("Chromium/", "Chromium"), Map.entry("Safari/", "Safari"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
            Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"), Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));

    private BrowserNames() {
    }

    /** The browser and its system, or the empty string when neither is recognised. */
    static String describe(@Nullable String userAgent) {
        if (userAgent == null) {
            return "";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser.isEmpty() || system.isEmpty()) {
            return browser + system;
        }
        return browser + ", " + system;
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        return names.stream().filter(n -> userAgent.contains(n.getKey())).map(Map.Entry::getValue).findFirst().orElse("");
    }
}
