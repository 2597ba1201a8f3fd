package ru.gospochta.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import ru.gospochta.identity.IdentityTest;
import ru.gospochta.identity.internal.account.Accounts;

@IdentityTest
@DisplayName("MBX-10: new mail reaches an open mailbox without reload, over server-sent events")
class NewMailEventsTests {

    @Autowired MailboxDelivery delivery;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired SessionRepository<? extends Session> sessions;
    @Autowired TransactionTemplate transactions;
    @LocalServerPort int port;

    @Test
    @DisplayName("MBX-10: a committed delivery is pushed to the citizen's stream; another citizen's mail and a rolled-back delivery are not")
    void committedOwnMailOnly() throws Exception {
        Citizen citizen = Citizen.signedIn(port, accounts, passwords, sessions);
        Citizen neighbour = Citizen.signedIn(port, accounts, passwords, sessions);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = open(citizen, lines);
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            awaitLine(lines, ":open");

            delivery.deliver(Letter.to(neighbour.id()).build());
            Letter rolledBack = Letter.to(citizen.id());
            transactions.executeWithoutResult(status -> {
                delivery.deliver(rolledBack.build());
                status.setRollbackOnly();
            });
            Letter mine = Letter.to(citizen.id());
            delivery.deliver(mine.build());

            awaitLine(lines, "event:delivered");
            String data = awaitLine(lines, "data:");
            assertThat(data).isEqualTo("data:{\"id\":\"" + mine.id() + "\"}");
            assertThat(citizen.get("/cabinet/mailbox/messages/" + mine.id() + "/row").body()).contains("id=\"m-" + mine.id() + "\"");
        } finally {
            stream.body().close();
        }
    }

    private HttpResponse<Stream<String>> open(Citizen citizen, BlockingQueue<String> lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cabinet/mailbox/events"))
                .header("Cookie", "GOSPOCHTA_SESSION=" + citizen.sessionCookie()).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture.runAsync(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return response;
    }

    /** The next line that starts with the prefix; lines before it are skipped. */
    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null && line.startsWith("data:")) {
                throw new AssertionError("unexpected event before " + prefix + ": " + line);
            }
        }
        throw new AssertionError("no line starting with " + prefix + " within 20 s");
    }
}
