package ru.gospochta.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Answered by the module that keeps citizens' e-mail addresses (contacts): a confirmed address, the
 * main or the backup one, as a way to recover the password (ACC-5). Identity keeps the code, its
 * tries and limits; the other module only says whose address it is and carries the letter.
 */
public interface RecoveryByEmail {

    /** The one account that confirmed this address (main or backup) and is not suspended; empty otherwise. */
    Optional<UUID> accountRecoverableBy(String typed);

    /** Sends the recovery code to the address (a letter that never asks for a password). */
    void sendRecoveryCode(String typed, String code, Locale locale);
}
