package ru.gospochta.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The raw baseline of the notification benchmark: the letters the pipeline sent, taken apart as
 * the catcher received them (subject, text, HTML, headers, transfer encodings), sent again unsigned
 * and unstamped by a plain Jakarta Mail loop on as many threads as the dispatcher has workers,
 * each on one connection to the same server.
 */
final class JakartaLoop {

    private JakartaLoop() {
    }

    /** Sends the letters; the letters a second. */
    static double send(List<Caught> letters, int threads, String host, int port, InternetAddress from) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("mail.smtp.connectiontimeout", "10000");
        settings.setProperty("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(settings);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                Transport transport = session.getTransport("smtp");
                transport.connect(host, port, null, null);
                try {
                    for (int i = next.getAndIncrement(); i < letters.size(); i = next.getAndIncrement()) {
                        MimeMessage letter = letters.get(i).compose(session, from);
                        transport.sendMessage(letter, letter.getAllRecipients());
                    }
                } finally {
                    transport.close();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return letters.size() / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * A letter the catcher received, taken apart. The baseline sends it to the address with a prefix,
     * so that the catcher makes a mailbox for each of its letters as it did for the pipeline's.
     */
    record Caught(String to, String subject, String text, String html, Map<String, String> headers, int size,
            String textEncoding, String htmlEncoding) {

        static Caught of(MimeMessage letter) throws Exception {
            Multipart parts = (Multipart) letter.getContent();
            String text = null;
            String html = null;
            String textEncoding = null;
            String htmlEncoding = null;
            for (int p = 0; p < parts.getCount(); p++) {
                BodyPart part = parts.getBodyPart(p);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                    textEncoding = part.getHeader("Content-Transfer-Encoding")[0];
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                    htmlEncoding = part.getHeader("Content-Transfer-Encoding")[0];
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : List.of("List-Unsubscribe", "List-Unsubscribe-Post")) {
                String[] value = letter.getHeader(name);
                if (value != null) {
                    headers.put(name, value[0]);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            letter.writeTo(bytes);
            return new Caught(letter.getAllRecipients()[0].toString(), letter.getSubject(), text, html, headers, bytes.size(),
                    textEncoding, htmlEncoding);
        }

        MimeMessage compose(Session session, InternetAddress from) throws Exception {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse("raw-" + to, true));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            // The same transfer encodings as the pipeline's letter, so both put the same bytes on the wire.
            plain.setHeader("Content-Transfer-Encoding", textEncoding);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            rich.setHeader("Content-Transfer-Encoding", htmlEncoding);
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            message.setContent(alternative);
            headers.forEach((name, value) -> {
                try {
                    message.setHeader(name, value);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            message.saveChanges();
            return message;
        }
    }
}
