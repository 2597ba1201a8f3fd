package ru.gospochta.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a letter's text parts are put on the wire, and the Jakarta Mail wiring behind it. */
class LetterEncodingTests {

    @Test
    @DisplayName("NTF-5: ASCII in short lines goes as 7bit; Cyrillic, a NUL, a bare CR or a line near the 998 limit as base64")
    void transferEncoding() {
        assertThat(LetterWriter.transferEncoding("Hello,\nyour application is accepted.\r\n")).isEqualTo("7bit");
        assertThat(LetterWriter.transferEncoding("")).isEqualTo("7bit");
        assertThat(LetterWriter.transferEncoding("Ваше заявление принято")).isEqualTo("base64");
        assertThat(LetterWriter.transferEncoding("Fee: 10 €")).isEqualTo("base64");
        assertThat(LetterWriter.transferEncoding("a\u0000b")).isEqualTo("base64");
        assertThat(LetterWriter.transferEncoding("a\rb")).isEqualTo("base64");
        assertThat(LetterWriter.transferEncoding("x".repeat(900))).isEqualTo("7bit");
        assertThat(LetterWriter.transferEncoding("x".repeat(901))).isEqualTo("base64");
        assertThat(LetterWriter.transferEncoding(("x".repeat(800) + "\n").repeat(5))).isEqualTo("7bit");
    }

    @Test
    @DisplayName("NTF-5: Jakarta Mail's stream provider is named by its system property, so it is not searched for on the class path per header")
    void streamProviderNamed() throws ClassNotFoundException {
        Class.forName(MailConfiguration.class.getName());
        assertThat(System.getProperty(MailConfiguration.STREAM_PROVIDER)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    @DisplayName("NTF-6: the verification code goes before the last </body>, whatever its case, or at the end when there is none")
    void stampPlace() {
        assertThat(LetterStamp.lastBodyEnd("<html><body><p>x</p></BODY></html>")).isEqualTo(20);
        assertThat(LetterStamp.lastBodyEnd("<p>x</body> <p>y</Body>")).isEqualTo(16);
        assertThat(LetterStamp.lastBodyEnd("<p>no body</p>")).isEqualTo(-1);
        assertThat(LetterStamp.lastBodyEnd("")).isEqualTo(-1);
    }
}
