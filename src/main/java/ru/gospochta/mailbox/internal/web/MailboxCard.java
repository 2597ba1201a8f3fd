package ru.gospochta.mailbox.internal.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.CabinetCards;
import ru.gospochta.mailbox.internal.messages.Mailbox;

/** The mailbox's card on the cabinet home, first of all, with the number of unread messages. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MailboxCard implements CabinetCards {

    private final Mailbox mailbox;
    private final MessageSource messages;

    MailboxCard(Mailbox mailbox, MessageSource messages) {
        this.mailbox = mailbox;
        this.messages = messages;
    }

    @Override
    public List<CabinetCard> cardsFor(UUID account, Locale locale) {
        long unread = mailbox.unread(account);
        String note = unread == 0 ? messages.getMessage("mailbox.card.none", null, locale)
                : messages.getMessage("mailbox.card.unread", new Object[] {unread}, locale);
        return List.of(new CabinetCard("mailbox-card", messages.getMessage("mailbox.card.title", null, locale),
                "/cabinet/mailbox", note));
    }
}
