package ru.gospochta.identity;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What other modules want the citizen to see on the cabinet home (for example, that letters to
 * their e-mail are paused). Identity shows the notices of every such bean without knowing the
 * modules behind them, so the dependency keeps pointing from them to identity.
 */
public interface CabinetNotices {

    /** The notices for the account, already in the page's language; empty when there is nothing to say. */
    List<CabinetNotice> noticesFor(UUID account, Locale locale);

    /** One banner: its text and a link to the page where the citizen can act on it. */
    record CabinetNotice(String text, String linkPath, String linkText) {
    }
}
