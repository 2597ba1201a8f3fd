package ru.gospochta.mailbox.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ru.gospochta.mailbox.SafeHtml;

@DisplayName("GW-2, MBX-1: an agency's HTML body made safe")
class SafeHtmlTests {

    /** Each row: what an agency sent, and what reaches the citizen's page. */
    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("<p>Ваше заявление <b>принято</b>.</p>", "<p>Ваше заявление <b>принято</b>.</p>"),
                Arguments.of("<h2>Решение</h2><ul><li>один</li><li>два</li></ul><ol><li>три</li></ol>",
                        "<h2>Решение</h2><ul><li>один</li><li>два</li></ul><ol><li>три</li></ol>"),
                Arguments.of("<i>а</i><em>б</em><strong>в</strong><u>г</u><br>д",
                        "<i>а</i><em>б</em><strong>в</strong><u>г</u><br />д"),
                Arguments.of("<script>alert(document.cookie)</script><p>Текст</p>", "<p>Текст</p>"),
                Arguments.of("<style>p { display: none }</style><p style=\"color:red\">Текст</p>", "<p>Текст</p>"),
                Arguments.of("<p onclick=\"steal()\" onmouseover=\"steal()\">Текст</p>", "<p>Текст</p>"),
                Arguments.of("<a href=\"javascript:alert(1)\">Оплатить</a>", "Оплатить"),
                Arguments.of("<a href=\"JaVaScRiPt&colon;alert(1)\">Оплатить</a>", "Оплатить"),
                Arguments.of("<a href=\"data:text/html,<script>alert(1)</script>\">Открыть</a>", "Открыть"),
                Arguments.of("<a href=\"vbscript:msgbox(1)\">Открыть</a>", "Открыть"),
                Arguments.of("<img src=\"https://tracker.example/pixel.gif?id=42\" width=\"1\" height=\"1\">Письмо",
                        "Письмо"),
                Arguments.of("<img src=x onerror=alert(1)>", ""),
                Arguments.of("<iframe src=\"https://evil.example\">фрейм</iframe>Текст", "Текст"),
                Arguments.of("<form action=\"https://evil.example\"><input name=\"password\"><button>Войти</button></form>",
                        "Войти"),
                Arguments.of("<svg onload=alert(1)><circle/></svg>Текст", "Текст"),
                Arguments.of("<object data=\"x.swf\"></object><embed src=\"x.swf\">Текст", "Текст"),
                Arguments.of("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">Текст", "Текст"),
                Arguments.of("<base href=\"https://evil.example/\"><link rel=stylesheet href=x.css>Текст", "Текст"),
                Arguments.of("<p>Текст<!-- <script>alert(1)</script> --></p>", "<p>Текст</p>"),
                Arguments.of("<table><tr><td colspan=\"2\" onclick=\"x()\" style=\"width:1px\">Сумма</td></tr></table>",
                        "<table><tbody><tr><td colspan=\"2\">Сумма</td></tr></tbody></table>"),
                Arguments.of("<p class=\"x\" id=\"y\" title=\"z\">Текст</p>", "<p>Текст</p>"),
                Arguments.of("<p>1 &lt; 2 &amp; «кавычки»</p>", "<p>1 &lt; 2 &amp; «кавычки»</p>"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("bodies")
    @DisplayName("GW-2: scripts, styles, handlers, dangerous links, frames, forms and images are dropped; structure stays")
    void sanitises(String sent, String shown) {
        assertThat(SafeHtml.sanitise(sent).html()).isEqualTo(shown);
    }

    @Test
    @DisplayName("GW-2: a link keeps its address and opens away from the cabinet, telling the target nothing")
    void keepsLinks() {
        String html = SafeHtml.sanitise("<p>Подробнее на <a href=\"https://www.nalog.gov.ru/rn77/\" target=\"_self\">сайте</a>"
                + " или <a href=\"mailto:info@nalog.ru\">по почте</a>.</p>").html();

        assertThat(html).contains("href=\"https://www.nalog.gov.ru/rn77/\"", "href=\"mailto:info&#64;nalog.ru\"")
                .contains("target=\"_blank\"").doesNotContain("_self");
        assertThat(Arrays.asList(html.split("<a ")).subList(1, 3)).allSatisfy(link -> assertThat(link)
                .containsPattern("rel=\"[^\"]*nofollow[^\"]*\"")
                .containsPattern("rel=\"[^\"]*noopener[^\"]*\"")
                .containsPattern("rel=\"[^\"]*noreferrer[^\"]*\""));
    }

    @Test
    @DisplayName("GW-2: a table keeps its rows, header cells and spans")
    void keepsTables() {
        String html = SafeHtml.sanitise("<table border=\"1\"><caption>Начисления</caption><thead><tr><th scope=\"col\">"
                + "Месяц</th><th>Сумма</th></tr></thead><tbody><tr><td>Январь</td><td>1 000 ₽</td></tr>"
                + "<tr><td colspan=\"2\" rowspan=\"1\">Итого</td></tr></tbody></table>").html();

        assertThat(html).isEqualTo("<table><caption>Начисления</caption><thead><tr><th scope=\"col\">Месяц</th>"
                + "<th>Сумма</th></tr></thead><tbody><tr><td>Январь</td><td>1 000 ₽</td></tr>"
                + "<tr><td colspan=\"2\" rowspan=\"1\">Итого</td></tr></tbody></table>");
    }

    @Test
    @DisplayName("GW-2: the plain text has paragraphs on their own lines, cells apart, link addresses, and no script")
    void givesPlainText() {
        SafeHtml body = SafeHtml.sanitise("""
                <h1>Уведомление</h1>
                <p>Уважаемый   Иван Иванович!<br>Ваше заявление <b>принято</b>.</p>
                <script>var secret = 1;</script><style>p{}</style>
                <ul><li>Паспорт</li><li>СНИЛС</li></ul>
                <table><tr><th>Месяц</th><td>Сумма</td></tr></table>
                <p>Подробнее на <a href="https://www.gosuslugi.ru/">сайте</a> и <a href="https://nalog.ru">https://nalog.ru</a>.</p>
                """);

        assertThat(body.text()).isEqualTo("""
                Уведомление

                Уважаемый Иван Иванович!
                Ваше заявление принято.

                • Паспорт
                • СНИЛС

                Месяц\tСумма

                Подробнее на сайте (https://www.gosuslugi.ru/) и https://nalog.ru.""");
    }

    @Test
    @DisplayName("GW-2: sanitising twice changes nothing more")
    void isStable() {
        String once = SafeHtml.sanitise("<p onclick=x>а<a href=\"https://a.ru\">б</a><script>в</script></p>").html();

        assertThat(SafeHtml.sanitise(once).html()).isEqualTo(once);
    }

    @Test
    @DisplayName("GW-2: a body over the limit is refused before it is read")
    void capsSize() {
        String huge = "<p>" + "а".repeat(SafeHtml.MAX_LENGTH) + "</p>";

        assertThatThrownBy(() -> SafeHtml.sanitise(huge)).isInstanceOf(SafeHtml.TooLarge.class)
                .hasMessageNotContaining("ааа");
        assertThat(SafeHtml.sanitise("а".repeat(SafeHtml.MAX_LENGTH)).text()).hasSize(SafeHtml.MAX_LENGTH);
    }
}
