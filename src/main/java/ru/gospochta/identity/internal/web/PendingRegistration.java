package ru.gospochta.identity.internal.web;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The account whose phone is being confirmed, kept in the session between the registration pages. */
record PendingRegistration(UUID account, String phone, String maskedPhone, Instant resendAfter) implements Serializable {

    static final String ATTRIBUTE = "gospochta.registration.pending";
}
