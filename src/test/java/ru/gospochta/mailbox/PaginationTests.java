package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import ru.gospochta.MutableClock;
import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
@DisplayName("MBX-1, MBX-2: keyset pagination of the mailbox's lists")
class PaginationTests {

    static final String INBOX = "/cabinet/mailbox/folders/00000000-0000-0000-0000-000000000001";

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired MutableClock clock;
    @LocalServerPort int port;

    Citizen citizen;

    @BeforeEach
    void signedIn() {
        citizen = Citizen.signedIn(port, accounts, passwords, sessions);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @DisplayName("MBX-1: «Ещё» walks 47 messages delivered in the same instant, 20 a page, without a duplicate or a gap")
    void sameInstantWithoutDuplicatesOrGaps() {
        List<UUID> delivered = deliver(47);

        List<List<UUID>> pages = walk("/cabinet/mailbox");

        assertThat(pages).extracting(List::size).containsExactly(20, 20, 7);
        List<UUID> seen = pages.stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(seen)).hasSize(47).containsExactlyInAnyOrderElementsOf(delivered);
    }

    @Test
    @DisplayName("MBX-1: mail arriving between two pages neither repeats a row on the next page nor pushes one off the list")
    void newMailBetweenPages() {
        List<UUID> older = deliver(25);
        String first = citizen.get("/cabinet/mailbox").body();
        List<UUID> firstPage = Pages.rows(first);

        clock.advance(Duration.ofMinutes(1));
        List<UUID> newer = deliver(5);
        String second = citizen.get(Pages.more(first).orElseThrow()).body();

        List<UUID> secondPage = Pages.rows(second);
        assertThat(secondPage).hasSize(5).doesNotContainAnyElementsOf(firstPage).doesNotContainAnyElementsOf(newer);
        List<UUID> together = new ArrayList<>(firstPage);
        together.addAll(secondPage);
        assertThat(together).containsExactlyInAnyOrderElementsOf(older);
        assertThat(Pages.rows(citizen.get("/cabinet/mailbox").body()).subList(0, 5)).containsExactlyInAnyOrderElementsOf(newer);
    }

    @Test
    @DisplayName("MBX-1: newest first across instants, and the htmx «Ещё» answers with the next rows alone")
    void newestFirstAndRowsForHtmx() {
        List<UUID> byTime = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            clock.advance(Duration.ofSeconds(1));
            byTime.addFirst(deliver(1).getFirst());
        }
        String first = citizen.get("/cabinet/mailbox").body();
        assertThat(Pages.rows(first)).containsExactlyElementsOf(byTime.subList(0, 20));

        String rowsLink = Pages.more(first).orElseThrow().replace("?after=", "/rows?after=");
        HttpResponse<String> rows = citizen.web.get(rowsLink, "HX-Request", "true");
        assertThat(rows.statusCode()).isEqualTo(200);
        assertThat(rows.body().strip()).startsWith("<li").doesNotContain("<html").doesNotContain("id=\"more\"");
        assertThat(Pages.rows(rows.body())).containsExactlyElementsOf(byTime.subList(20, 22));
        assertThat(first).contains("hx-get=\"" + INBOX + "/rows?after=");
    }

    @Test
    @DisplayName("MBX-1: a «Ещё» link nobody could have been given is a bad request")
    void malformedCursor() {
        assertThat(citizen.get("/cabinet/mailbox?after=yesterday").statusCode()).isEqualTo(400);
        assertThat(citizen.get(INBOX + "/rows?after=1_2").statusCode()).isEqualTo(400);
    }

    private List<List<UUID>> walk(String start) {
        List<List<UUID>> pages = new ArrayList<>();
        String next = start;
        while (next != null) {
            String html = citizen.get(next).body();
            pages.add(Pages.rows(html));
            next = Pages.more(html).orElse(null);
        }
        return pages;
    }

    private List<UUID> deliver(int count) {
        List<Letter> letters = IntStream.range(0, count).mapToObj(i -> Letter.to(citizen.id()).subject("Письмо " + i)).toList();
        delivery.deliverAll(letters.stream().map(Letter::build).toList());
        return letters.stream().map(Letter::id).toList();
    }
}
