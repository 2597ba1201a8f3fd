package ru.gospochta.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import ru.gospochta.IntegrationTest;
import ru.gospochta.MutableClock;
import ru.gospochta.WebClient;
import ru.gospochta.platform.internal.mail.LetterCodes;
import ru.gospochta.platform.internal.mail.MailCatcher;

@IntegrationTest
@Import(MutableClock.Config.class)
@DisplayName("NTF-6: every letter carries a verification code that «Проверить письмо» accepts, and an invented one it rejects")
class LetterCheckTests {

    static final Pattern CODE = Pattern.compile("Код проверки письма: ([0-9A-Z]{4}-[0-9A-Z]{4})");

    @Autowired OutgoingMail mail;
    @Autowired LetterCodes codes;
    @Autowired MailCatcher catcher;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("NTF-6: the code of a sent letter is genuine, with its date, masked address and subject; the pasted letter too")
    void genuineCode() throws Exception {
        String to = "ivanov-" + System.nanoTime() + "@example.ru";
        mail.send(new Letter(to, "Начисление налога", "Сумма к уплате: 1 200 ₽.", "<html><body><p>Сумма к уплате: 1 200 ₽.</p></body></html>"));
        MimeMessage letter = catcher.letters().stream().filter(m -> recipient(m).equals(to)).findFirst().orElseThrow();
        String text = (String) ((Multipart) letter.getContent()).getBodyPart(0).getContent();
        String html = (String) ((Multipart) letter.getContent()).getBodyPart(1).getContent();
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).isTrue();
        String code = m.group(1);
        assertThat(html).contains(code).contains("/check-letter");

        HttpResponse<String> byCode = check(code.toLowerCase().replace("-", ""));
        assertThat(byCode.statusCode()).isEqualTo(200);
        assertThat(byCode.body()).contains("Письмо подлинное", "iv***@example.ru", "Тема: «Начисление налога»")
                .doesNotContain(to);
        assertThat(check(text).body()).as("the whole letter pasted").contains("Письмо подлинное");
    }

    @Test
    @DisplayName("NTF-6: letters sent together each carry a code of their own, genuine and tied to their Message-ID; a bad address among them fails alone")
    void sentTogether() throws Exception {
        String stamp = String.valueOf(System.nanoTime());
        List<Letter> letters = List.of(
                new Letter("first-" + stamp + "@example.ru", "Первое письмо", "Текст первого письма.", null),
                new Letter("not an address", "Письмо без адреса", "Никуда не уйдёт.", null),
                new Letter("third-" + stamp + "@example.ru", "Третье письмо", "Текст третьего письма.",
                        "<html><body><p>Текст третьего письма.</p></body></html>"));

        List<OutgoingMail.Sent> sent = mail.sendAll(letters);

        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).refusal()).isNotNull();
        assertThat(sent.get(1).refusal().permanent()).isTrue();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i : new int[] {0, 2}) {
            Letter letter = letters.get(i);
            assertThat(sent.get(i).refusal()).isNull();
            assertThat(codes.sentTo(sent.get(i).messageId(), letter.to())).isTrue();
            MimeMessage received = catcher.letters().stream().filter(m -> recipient(m).equals(letter.to())).findFirst().orElseThrow();
            assertThat(received.getMessageID()).isEqualTo(sent.get(i).messageId());
            String text = received.getContent() instanceof Multipart parts ? (String) parts.getBodyPart(0).getContent()
                    : (String) received.getContent();
            Matcher m = CODE.matcher(text);
            assertThat(m.find()).isTrue();
            assertThat(seen.add(m.group(1))).as("a code of its own").isTrue();
            assertThat(check(m.group(1)).body()).contains("Письмо подлинное", "Тема: «" + letter.subject() + "»");
        }
        assertThat(codes.sentTo(sent.get(0).messageId(), letters.get(2).to())).as("not to another address").isFalse();
    }

    @Test
    @DisplayName("NTF-6: an invented code is not genuine; an empty form asks for the code; too many checks are refused")
    void inventedCode() {
        assertThat(check("ABCD-EFGH").body()).contains("Госпочта не отправляла письмо с таким кодом").doesNotContain("Письмо подлинное");
        assertThat(check("  ").body()).contains("Введите код проверки из письма");
        // Checks are limited per address and minute, and every test comes from the same address: the
        // guessing happens in a minute of its own, far from the real one the other tests use.
        clock.advance(Duration.ofMinutes(10));
        WebClient guesser = new WebClient(port);
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> answer = guesser.postForm("/check-letter", Map.of("letter", "QQQQ-" + (1000 + i),
                    "_csrf", WebClient.csrfToken(guesser.get("/check-letter").body())));
            if (answer.statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    private HttpResponse<String> check(String letter) {
        WebClient browser = new WebClient(port);
        String csrf = WebClient.csrfToken(browser.get("/check-letter").body());
        return browser.postForm("/check-letter", Map.of("letter", letter, "_csrf", csrf));
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
