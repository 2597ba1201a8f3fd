package ru.gospochta.identity.internal.session;

import org.jspecify.annotations.Nullable;

/** A short, human name of a browser and system from its User-Agent, for journals and session lists. */
public final class Devices {

    private Devices() {
    }

    public static String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "—";
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        return system.isEmpty() ? browser : browser + ", " + system;
    }

    private static String browser(String ua) {
        if (ua.contains("YaBrowser/")) {
            return "Яндекс Браузер";
        }
        if (ua.contains("Edg/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("Firefox/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/") || ua.contains("Chromium/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/")) {
            return "Safari";
        }
        String first = ua.split("[ /]", 2)[0];
        return first.length() > 40 ? first.substring(0, 40) : first;
    }

    private static String system(String ua) {
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X")) {
            return "macOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return "";
    }
}
