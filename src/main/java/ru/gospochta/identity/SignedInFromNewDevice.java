package ru.gospochta.identity;

import java.util.Locale;
import java.util.UUID;

/**
 * A citizen signed in on a device not remembered while sign-in notices are on (ACC-6). Identity
 * sends the SMS itself; the notification pipeline raises the other channels from this event.
 */
public record SignedInFromNewDevice(UUID account, String device, String sourceIp, Locale locale) {
}
