package ru.gospochta.identity;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The sections other modules add to the cabinet home, each as a card that links to it with a line
 * of its state (the mailbox and its unread count, for instance). Identity lists the cards of every
 * such bean, first, without knowing the modules behind them.
 */
public interface CabinetCards {

    /** The cards for the account, already in the page's language. */
    List<CabinetCard> cardsFor(UUID account, Locale locale);

    /**
     * @param id the element id of the link, for tests and assistive technology
     * @param note one short line under the title, or null
     */
    record CabinetCard(String id, String title, String linkPath, @Nullable String note) {
    }
}
