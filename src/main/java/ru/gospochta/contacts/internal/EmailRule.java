package ru.gospochta.contacts.internal;

/**
 * The rules an e-mail address must keep (CNT-1), in the order they are checked, so the first
 * broken one is the one the person is told about. Each code is a key of the {@code i18n/contacts}
 * bundle; the reason is English, for the log, and never contains the address.
 */
public enum EmailRule {

    EMPTY("contacts.email.empty", "address is empty"),
    WHITESPACE("contacts.email.whitespace", "address contains a space or an invisible character"),
    FORBIDDEN_CHARACTER("contacts.email.forbidden-character", "address contains a bracket, comma, semicolon or quote"),
    AT_COUNT("contacts.email.at-count", "address must contain exactly one @"),
    LOCAL_EMPTY("contacts.email.local-empty", "nothing before the @"),
    LOCAL_CHARACTERS("contacts.email.local-characters", "local part has a character other than A-Z a-z 0-9 . _ - +"),
    LOCAL_DOT_EDGE("contacts.email.local-dot-edge", "local part starts or ends with a dot"),
    LOCAL_DOUBLE_DOT("contacts.email.local-double-dot", "local part has two dots in a row"),
    LOCAL_TOO_LONG("contacts.email.local-too-long", "local part is longer than 64 characters"),
    DOMAIN_EMPTY("contacts.email.domain-empty", "nothing after the @"),
    DOMAIN_DOT_EDGE("contacts.email.domain-dot-edge", "domain starts or ends with a dot"),
    DOMAIN_DOUBLE_DOT("contacts.email.domain-double-dot", "domain has two dots in a row"),
    DOMAIN_NO_DOT("contacts.email.domain-no-dot", "domain has no dot"),
    DOMAIN_LABEL_CHARACTERS("contacts.email.domain-label-characters",
            "a domain label has a character other than a letter, digit or hyphen"),
    DOMAIN_LABEL_HYPHEN_EDGE("contacts.email.domain-label-hyphen-edge", "a domain label starts or ends with a hyphen"),
    DOMAIN_LABEL_TOO_LONG("contacts.email.domain-label-too-long",
            "a domain label is longer than 63 characters in ASCII form"),
    TLD("contacts.email.tld", "top-level domain is not 2 to 6 letters"),
    TOO_LONG("contacts.email.too-long", "address is longer than 254 characters in ASCII form"),
    DISPOSABLE("contacts.email.disposable", "domain belongs to a throw-away mailbox service");

    private final String code;
    private final String reason;

    EmailRule(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The message-bundle key, e.g. {@code contacts.email.at-count}. */
    public String code() {
        return code;
    }

    /** What is wrong, in English, without the address. */
    public String reason() {
        return reason;
    }
}
