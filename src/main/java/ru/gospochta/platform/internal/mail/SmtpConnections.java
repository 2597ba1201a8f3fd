package ru.gospochta.platform.internal.mail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few open SMTP connections reused across letters, so a letter costs one mail transaction
 * instead of a TCP, TLS and login handshake. A {@link Transport} is not thread-safe: each is
 * lent to one sender at a time, and senders beyond the pool size wait for one to come back.
 * A connection is closed on an I/O failure, after a number of letters, or when idle too long;
 * the next letter then opens a fresh one.
 */
final class SmtpConnections implements AutoCloseable {

    /** Opens and logs in one connection to the mail server. */
    @FunctionalInterface
    interface Connector {
        Transport connect() throws MessagingException;
    }

    /** The server's reply 421: it is closing the connection, typically one that idled too long. */
    private static final int CLOSING = 421;
    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final Connector connector;
    private final int size;
    private final int lettersPerConnection;
    private final long idleNanos;
    private final long waitNanos;
    private final LongSupplier nanoTime;
    private final Semaphore lent;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private boolean closed;

    SmtpConnections(Connector connector, int size, int lettersPerConnection, Duration idleTimeout, Duration waitForConnection) {
        this(connector, size, lettersPerConnection, idleTimeout, waitForConnection, System::nanoTime);
    }

    SmtpConnections(Connector connector, int size, int lettersPerConnection, Duration idleTimeout,
            Duration waitForConnection, LongSupplier nanoTime) {
        this.connector = connector;
        this.size = size;
        this.lettersPerConnection = lettersPerConnection;
        this.idleNanos = idleTimeout.toNanos();
        this.waitNanos = waitForConnection.toNanos();
        this.nanoTime = nanoTime;
        this.lent = new Semaphore(size, true);
    }

    private static final class Connection {
        final Transport transport;
        int letters;
        long lastUsed;

        Connection(Transport transport, long now) {
            this.transport = transport;
            this.lastUsed = now;
        }
    }

    /**
     * Sends one letter on a pooled connection. A reused connection that turns out to be dead (no
     * reply, or 421) is dropped with every other idle one, and the letter is tried once more on a
     * fresh connection: the usual cause is a server that closed idle connections or restarted.
     *
     * @throws MessagingException the server's refusal, or why no connection could be had
     */
    void send(MimeMessage letter) throws MessagingException {
        try {
            if (!lent.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new MessagingException("all " + size + " connections to the mail server stayed busy for "
                        + Duration.ofNanos(waitNanos).toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for a connection to the mail server", e);
        }
        try {
            sendOnLentConnection(letter);
        } finally {
            lent.release();
        }
    }

    private void sendOnLentConnection(MimeMessage letter) throws MessagingException {
        for (int attempt = 1; ; attempt++) {
            Connection connection = attempt == 1 ? takeIdle() : null;
            boolean reused = connection != null;
            if (connection == null) {
                connection = open();
            }
            try {
                connection.transport.sendMessage(letter, letter.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                boolean connectionLost = connectionLost(e);
                if (connectionLost || !stillConnected(connection)) {
                    closeQuietly(connection);
                } else {
                    giveBack(connection);
                }
                if (connectionLost && reused) {
                    dropIdle();
                    continue;
                }
                throw e;
            }
            connection.letters++;
            giveBack(connection);
            return;
        }
    }

    /** How many connections were ever opened; far fewer than letters while the pool works. */
    long opened() {
        return opened.get();
    }

    private Connection open() throws MessagingException {
        Transport transport = connector.connect();
        opened.incrementAndGet();
        return new Connection(transport, nanoTime.getAsLong());
    }

    /** The most recently used idle connection, closing those idle too long on the way. */
    private @Nullable Connection takeIdle() {
        List<Connection> expired = new ArrayList<>();
        Connection found = null;
        long now = nanoTime.getAsLong();
        synchronized (idle) {
            while (found == null && !idle.isEmpty()) {
                Connection candidate = idle.pollFirst();
                if (now - candidate.lastUsed > idleNanos) {
                    expired.add(candidate);
                } else {
                    found = candidate;
                }
            }
        }
        expired.forEach(SmtpConnections::closeQuietly);
        return found;
    }

    /**
     * Back to the pool, most recent first so the others can age out; closed instead when it has
     * carried its share of letters, or when the pool is closed.
     */
    private void giveBack(Connection connection) {
        connection.lastUsed = nanoTime.getAsLong();
        List<Connection> expired = new ArrayList<>();
        boolean keep;
        synchronized (idle) {
            keep = !closed && connection.letters < lettersPerConnection;
            if (keep) {
                idle.addFirst(connection);
            }
            while (!idle.isEmpty() && connection.lastUsed - idle.peekLast().lastUsed > idleNanos) {
                expired.add(idle.pollLast());
            }
        }
        if (!keep) {
            expired.add(connection);
        }
        expired.forEach(SmtpConnections::closeQuietly);
    }

    private void dropIdle() {
        List<Connection> all;
        synchronized (idle) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(SmtpConnections::closeQuietly);
    }

    /** After a refusal the connection usually goes on; a NOOP tells, and refusals are rare enough to afford it. */
    private static boolean stillConnected(Connection connection) {
        try {
            return connection.transport.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean connectionLost(Exception e) {
        if (e instanceof RuntimeException) {
            return true;
        }
        int code = SmtpReplies.code(e);
        return code < 0 || code == CLOSING;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing an SMTP connection failed", e);
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
        }
        dropIdle();
    }
}
