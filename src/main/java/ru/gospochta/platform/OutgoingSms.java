package ru.gospochta.platform;

/**
 * The one way out for SMS. In the default run a catcher keeps each message (page
 * {@code /admin/sms} and a log line) instead of paying an operator.
 */
public interface OutgoingSms {

    /**
     * @param phone the number in international form, e.g. {@code +79161234567}
     * @throws IllegalArgumentException when the number or text is not sendable
     */
    void send(String phone, String text);
}
