package ru.gospochta.identity;

/**
 * Where a citizen's account stands (ACC-2): registered until the phone is confirmed, active from
 * then on, confirmed once a person has checked an identity document.
 */
public enum AccountState {
    /** «Зарегистрирована»: created, the phone not yet confirmed; cannot sign in. */
    REGISTERED,
    /** «Активна»: the phone is confirmed; the cabinet works, legally significant actions wait for confirmation. */
    ACTIVE,
    /** «Подтверждена»: identity checked by a support operator. */
    CONFIRMED
}
