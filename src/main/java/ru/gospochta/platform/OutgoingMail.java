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

    /**
     * Hands several letters to the transport, one after another, as {@link #send(Letter)} would;
     * what they share is done once for them all (their verification codes are registered in one
     * write). A letter refused does not stop the ones after it.
     *
     * @return for each letter, in order, the Message-ID it was sent with or why it was not sent
     */
    default java.util.List<Sent> sendAll(java.util.List<Letter> letters) {
        return letters.stream().map(letter -> Sent.attempt(() -> send(letter))).toList();
    }

    /** What became of one letter of {@link #sendAll}: its Message-ID, or the refusal. */
    record Sent(@org.jspecify.annotations.Nullable String messageId, @org.jspecify.annotations.Nullable MailNotSent refusal) {

        public static Sent sent(String messageId) {
            return new Sent(messageId, null);
        }

        public static Sent refused(MailNotSent refusal) {
            return new Sent(null, refusal);
        }

        /**
         * One letter of a batch handed over: its Message-ID, or its refusal — an unexpected failure
         * too, as a temporary refusal of this letter alone, since the ones before it are out and
         * must not be sent again.
         */
        public static Sent attempt(java.util.function.Supplier<String> sending) {
            try {
                return sent(sending.get());
            } catch (MailNotSent refused) {
                return refused(refused);
            } catch (RuntimeException unexpected) {
                return refused(new MailNotSent("the letter could not be sent: " + unexpected, false, -1, unexpected));
            }
        }
    }
}
