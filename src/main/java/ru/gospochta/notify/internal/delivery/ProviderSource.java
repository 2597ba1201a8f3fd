package ru.gospochta.notify.internal.delivery;

import java.util.List;

/**
 * Providers made from configuration, any number of them: the SMS operators of
 * {@code gospochta.notify.sms}, the SMTP relays of {@code gospochta.mail}.
 */
public interface ProviderSource {

    List<Provider> providers();
}
