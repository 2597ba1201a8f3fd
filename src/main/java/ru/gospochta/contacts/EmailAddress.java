package ru.gospochta.contacts;

import java.net.IDN;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import ru.gospochta.contacts.internal.EmailRule;
import ru.gospochta.contacts.internal.EmailSyntax;

/**
 * An e-mail address in a form that mail can be sent to (CNT-1), kept in ASCII: the domain in
 * punycode and lower case, the part before «@» as the person typed it. Two addresses that differ
 * only in the case of that part are equal, as every mail service the portal sends to treats them
 * as one mailbox.
 *
 * <p>The constructor checks the form only. Whether the domain is a throw-away mailbox service is
 * a policy for addresses being added, checked by {@link EmailAddressRules}, so that an address
 * stored before its domain joined that list can still be read back.
 *
 * @param ascii the address; the constructor also takes a Unicode domain and stores its ASCII form
 */
public record EmailAddress(String ascii) {

    public EmailAddress {
        ascii = switch (EmailSyntax.check(ascii)) {
            case EmailSyntax.Valid valid -> valid.ascii();
            case EmailSyntax.Broken broken -> throw refusal(broken.rule());
        };
    }

    /** Reads an address as a person typed or pasted it: spaces and invisible characters at the ends are dropped. */
    public static EmailAddress parse(String typed) {
        return new EmailAddress(EmailSyntax.trim(typed));
    }

    /** The part before «@», as typed. */
    public String local() {
        return ascii.substring(0, ascii.lastIndexOf('@'));
    }

    /** The domain in lower-case ASCII, e.g. {@code xn--e1afmkfd.xn--p1ai}. */
    public String domain() {
        return ascii.substring(ascii.lastIndexOf('@') + 1);
    }

    /** The address for people to read: a domain in «.рф» shown in Cyrillic, e.g. {@code ivan@пример.рф}. */
    public String unicode() {
        return local() + "@" + IDN.toUnicode(domain(), IDN.USE_STD3_ASCII_RULES);
    }

    /** The form addresses are compared and looked up by: the whole address in lower case. */
    public String canonical() {
        return ascii.toLowerCase(Locale.ROOT);
    }

    /** The address with most of its local part hidden, for telling where a letter went: {@code i***@mail.ru}. */
    public String masked() {
        return local().charAt(0) + "***@" + IDN.toUnicode(domain(), IDN.USE_STD3_ASCII_RULES);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EmailAddress address && canonical().equals(address.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    /** Masked, so an address that reaches a log reveals little. */
    @Override
    public String toString() {
        return "EmailAddress[" + masked() + "]";
    }

    static InvalidEmailAddress refusal(EmailRule rule) {
        return new InvalidEmailAddress(rule.code(), rule.reason());
    }
}
