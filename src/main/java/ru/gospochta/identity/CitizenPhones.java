package ru.gospochta.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * The phones of a citizen's account as a page may show them (CNT-5): masked, so the module that
 * shows «Контактные данные» never holds a whole number it has no use for.
 */
public interface CitizenPhones {

    /** The main phone, masked («+7 916 ***-**-67»); empty when the account no longer exists. */
    Optional<String> maskedPhone(UUID account);

    /** The confirmed backup phone, masked; empty when the account has none. */
    Optional<String> maskedBackupPhone(UUID account);
}
