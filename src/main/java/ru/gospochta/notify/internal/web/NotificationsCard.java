package ru.gospochta.notify.internal.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.CabinetCards;

/** «Настройки уведомлений» on the cabinet home, after the mailbox whose news it governs. */
@Component
class NotificationsCard implements CabinetCards {

    private final MessageSource messages;

    NotificationsCard(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public List<CabinetCard> cardsFor(UUID account, Locale locale) {
        return List.of(new CabinetCard("notifications-card", messages.getMessage("notify.settings.title", null, locale),
                "/cabinet/notifications", messages.getMessage("notify.settings.card-note", null, locale)));
    }
}
