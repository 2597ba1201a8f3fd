package ru.gospochta.platform.internal.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of an SMTP server to answer as a real relay does to addresses it refuses: 550 for
 * mailboxes at {@code gone.test}, 451 for those at {@code later.test}, and takes everything else.
 */
final class FakeRelay implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    FakeRelay() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-relay").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** SMTP connections the relay has accepted. */
    int connections() {
        return connections.get();
    }

    /** Recipients of the letters taken, in order. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 fake.test ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 fake.test");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    reply(out, recipient(command, recipients));
                } else if (command.equals("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        // the letter itself is of no interest here
                    }
                    delivered.addAll(recipients);
                    reply(out, "250 2.0.0 queued");
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    reply(out, "250 2.0.0 ok");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException dropped) {
            // the client went away; nothing to clean up
        }
    }

    private static String recipient(String command, List<String> recipients) {
        if (command.contains("@GONE.TEST")) {
            return "550 5.1.1 mailbox unavailable";
        }
        if (command.contains("@LATER.TEST")) {
            return "451 4.3.0 try again later";
        }
        recipients.add(command.substring(command.indexOf('<') + 1, command.indexOf('>')).toLowerCase(Locale.ROOT));
        return "250 2.1.5 ok";
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
