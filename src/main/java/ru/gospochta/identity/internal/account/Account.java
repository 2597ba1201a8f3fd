package ru.gospochta.identity.internal.account;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ru.gospochta.identity.AccountState;

/**
 * A citizen's account as stored, its identifiers already normalised (E.164 phone, 11-digit SNILS).
 * State changes are methods that check the transition; the repository persists the result.
 */
public record Account(
        UUID id,
        String phone,
        String snils,
        @Nullable String inn,
        String surname,
        String givenName,
        @Nullable String patronymic,
        LocalDate birthDate,
        String passportSeries,
        String passportNumber,
        String address,
        AccountState state,
        String passwordHash,
        int passwordVersion,
        Instant passwordChangedAt,
        boolean twoStepEnabled,
        SecondFactorMethod twoStepMethod,
        byte @Nullable [] totpSecretSealed,
        long totpLastStep,
        boolean signInAlerts,
        Instant createdAt) {

    /** How the second step of sign-in is taken when two-step verification is on. */
    public enum SecondFactorMethod { SMS, TOTP }

    public boolean canSignIn() {
        return state != AccountState.REGISTERED;
    }

    public boolean hasTotp() {
        return totpSecretSealed != null;
    }

    /** The principal name of the account's web sessions. */
    public String principalName() {
        return "citizen:" + id;
    }

    public String fullName() {
        return patronymic == null ? surname + " " + givenName : surname + " " + givenName + " " + patronymic;
    }
}
