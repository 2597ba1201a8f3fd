package ru.gospochta.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ru.gospochta.notify.internal.push.PushMessage;
import ru.gospochta.notify.internal.push.PushMessage.Urgency;

@DisplayName("NTF-5: a push message opens a page of this site and carries what push services take")
class WebPushMessageTests {

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/cabinet", "/\\evil.example", "cabinet", "",
            "javascript:alert(1)", "/cabinet/\"quoted\"", "/кабинет"})
    @DisplayName("NTF-5: a link that could leave the site, or is no plain path, is refused")
    void onlyPathsOfThisSite(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> PushMessage.of("Письмо", "Текст", url));
    }

    @Test
    @DisplayName("NTF-5: a path with a query is a link of this site")
    void pathWithQuery() {
        assertThat(PushMessage.of("Письмо", "", "/cabinet/mailbox/search?q=%D0%B0&page=2").url())
                .isEqualTo("/cabinet/mailbox/search?q=%D0%B0&page=2");
    }

    @Test
    @DisplayName("NTF-5: a title is required; title, text, TTL and topic stay within the push services' limits")
    void limits() {
        assertThatIllegalArgumentException().isThrownBy(() -> PushMessage.of(" ", "Текст", "/cabinet"));
        assertThatIllegalArgumentException().isThrownBy(() -> PushMessage.of("Ж".repeat(201), "Текст", "/cabinet"));
        assertThatIllegalArgumentException().isThrownBy(() -> PushMessage.of("Письмо", "ж".repeat(1001), "/cabinet"));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new PushMessage("Письмо", "", "/cabinet", Urgency.LOW, Duration.ofDays(29), null));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new PushMessage("Письмо", "", "/cabinet", Urgency.LOW, Duration.ofSeconds(-1), null));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new PushMessage("Письмо", "", "/cabinet", Urgency.LOW, Duration.ZERO, "тема"));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new PushMessage("Письмо", "", "/cabinet", Urgency.LOW, Duration.ZERO, "a".repeat(33)));
        assertThat(new PushMessage("Письмо", "", "/cabinet", Urgency.VERY_LOW, Duration.ZERO, "mailbox_new-1").urgency().header())
                .isEqualTo("very-low");
    }
}
