package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which refusals at sending time say the address itself is gone (CNT-6). */
class MailNotSentTests {

    static MailNotSent refused(String reply, int code) {
        return new MailNotSent("the mail server did not take the letter (" + code + "): " + reply, code >= 500, code, null);
    }

    @Test
    @DisplayName("CNT-6: no such mailbox or domain, a bad or moved address, a disabled mailbox — the address is refused")
    void aboutTheAddress() {
        assertThat(refused("550 5.1.1 <ivan@mail.ru>: Recipient address rejected: User unknown", 550).aboutTheAddress()).isTrue();
        assertThat(refused("550 5.1.2 Host unknown", 550).aboutTheAddress()).isTrue();
        assertThat(refused("553 5.1.3 Bad recipient address syntax", 553).aboutTheAddress()).isTrue();
        assertThat(refused("550 5.1.10 Recipient domain has a null MX", 550).aboutTheAddress()).isTrue();
        assertThat(refused("550 5.2.1 Mailbox disabled", 550).aboutTheAddress()).isTrue();
        assertThat(refused("550 Requested action not taken: mailbox unavailable", 550).aboutTheAddress())
                .as("a server without enhanced codes: a bare 550 still counts").isTrue();
    }

    @Test
    @DisplayName("CNT-6: a policy block of our server, a full mailbox, a letter too large or a temporary failure leave the address alone")
    void notAboutTheAddress() {
        assertThat(refused("550 5.7.1 Service unavailable; client host blocked using a block list", 550).aboutTheAddress()).isFalse();
        assertThat(refused("552 5.2.2 Mailbox full", 552).aboutTheAddress()).isFalse();
        assertThat(refused("552 5.3.4 Message size exceeds fixed limit", 552).aboutTheAddress()).isFalse();
        assertThat(refused("554 Transaction failed", 554).aboutTheAddress()).isFalse();
        assertThat(refused("451 4.7.1 Greylisted, try again later", 451).aboutTheAddress()).isFalse();
        assertThat(new MailNotSent("no connection", false, -1, null).aboutTheAddress()).isFalse();
    }
}
