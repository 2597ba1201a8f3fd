package ru.gospochta.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * An SMS to the phone of an account, for modules that must tell the citizen something but have no
 * business knowing the number.
 */
public interface CitizenSms {

    /** Sends the text to the account's phone; false when the account no longer exists. */
    boolean send(UUID account, String text);

    /**
     * The account's phone in international form, for the notification pipeline, which chooses the
     * SMS operator itself and journals every attempt; empty when the account no longer exists.
     */
    Optional<String> phone(UUID account);
}
