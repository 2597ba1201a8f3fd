package ru.gospochta.contacts;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import ru.gospochta.platform.Letter;
import ru.gospochta.platform.MailNotSent;
import ru.gospochta.platform.OutgoingMail;

/**
 * A mail transport that answers 550 for addresses at {@code bounce.test} while bouncing is on,
 * as a relay does for a mailbox that no longer exists; every other letter reaches the catcher.
 */
final class BouncingMail implements OutgoingMail {

    /** A reserved test zone; «.example» is longer than the 6 letters CNT-1 allows a zone. */
    static final String DOMAIN = "@bounce.test";
    static final AtomicBoolean BOUNCING = new AtomicBoolean(true);

    private final OutgoingMail transport;

    BouncingMail(OutgoingMail transport) {
        this.transport = transport;
    }

    @Override
    public String send(Letter letter) {
        if (BOUNCING.get() && letter.to().toLowerCase().endsWith(DOMAIN)) {
            throw new MailNotSent("550 5.1.1 mailbox unavailable", true, 550, new IllegalStateException("550 from the test relay"));
        }
        return transport.send(letter);
    }

    /** Wraps the application's transport, so every module's letters pass through it. */
    @TestConfiguration
    static class Config {

        @Bean
        static BeanPostProcessor bouncingMail() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof OutgoingMail mail && !(bean instanceof BouncingMail) ? new BouncingMail(mail) : bean;
                }
            };
        }
    }
}
