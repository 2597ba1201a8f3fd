package ru.gospochta.platform;

/**
 * The one way out for e-mail: every module sends through this port, so the transport (local
 * catcher or SMTP relay) is a configuration switch and never a code path of its own.
 */
public interface OutgoingMail {

    /**
     * Hands the letter to the configured transport.
     *
     * @return the Message-ID the letter was sent with
     * @throws MailNotSent when the transport refused or could not be reached
     */
    String send(Letter letter);
}
