package ru.gospochta.platform.internal.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import ru.gospochta.platform.AddressRefusals;
import ru.gospochta.platform.MailBounced;

/**
 * Reads what a message in the bounce mailbox reports (NTF-5): the addresses of a delivery status
 * notification (RFC 3464, RFC 6533) that failed for good, or the complaining recipient of a
 * feedback report (ARF, RFC 5965). Anything else reports nothing: autoreplies, delays, mail
 * written by people. Only the fields that matter are read, each part only so far.
 */
final class DeliveryReports {

    /** The machine-readable part of a report is a few hundred bytes a recipient; more is not a report. */
    private static final int MAX_FIELDS = 64 * 1024;
    private static final int MAX_DIAGNOSTIC = 300;
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");

    /**
     * The feedback types that are a recipient's complaint. {@code not-spam} is the opposite,
     * {@code auth-failure} reports a letter forged in our name rather than one of ours, and
     * {@code other} says too little to suspend a citizen's address for.
     */
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus");

    private DeliveryReports() {
    }

    /**
     * @return what the message reports; empty when it is not a report or reports nothing to act on
     * @throws MessagingException when the message is not well-formed MIME where it matters
     */
    static List<MailBounced> read(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report") || !(message.getContent() instanceof Multipart parts)) {
            return List.of();
        }
        String type = new ContentType(message.getContentType()).getParameter("report-type");
        String reportType = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        String fields = null;
        InternetHeaders original = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")
                    || part.isMimeType("message/feedback-report")) {
                fields = fields == null ? text(part) : fields;
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                    || part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
                original = original == null ? headers(part) : original;
            }
        }
        if (fields == null) {
            return List.of();
        }
        String messageId = original == null ? null : messageId(original);
        return switch (reportType) {
            case "delivery-status", "global-delivery-status" -> failures(fields, messageId);
            case "feedback-report" -> complaints(fields, original, messageId);
            default -> List.of();
        };
    }

    /** Each per-recipient block that failed with a 5.x.x status; delays and 4.x.x failures are not final. */
    private static List<MailBounced> failures(String fields, @Nullable String messageId) {
        List<MailBounced> failed = new ArrayList<>();
        String[] blocks = BLANK_LINE.split(fields.strip());
        // The first block is about the message (Reporting-MTA, Arrival-Date) and has no Action;
        // the rest are one per recipient.
        for (String text : blocks) {
            Map<String, String> block = fieldsOf(text);
            String action = block.getOrDefault("action", "").trim().toLowerCase(Locale.ROOT);
            String status = firstWord(block.getOrDefault("status", ""));
            String recipient = recipient(block.getOrDefault("final-recipient", block.get("original-recipient")));
            if (action.equals("failed") && AddressRefusals.aboutTheAddress(status) && recipient != null) {
                String remote = block.get("diagnostic-code");
                failed.add(new MailBounced(recipient, MailBounced.Kind.HARD_BOUNCE, messageId,
                        bounded(remote == null ? status : status + " " + withoutType(remote))));
            }
        }
        return failed;
    }

    /** The complaining recipient: as the report names them, else the To of the letter it returns. */
    private static List<MailBounced> complaints(String fields, @Nullable InternetHeaders original,
            @Nullable String messageId) {
        Map<String, List<String>> report = allFieldsOf(fields);
        String feedbackType = firstWord(first(report, "feedback-type")).toLowerCase(Locale.ROOT);
        if (!COMPLAINTS.contains(feedbackType)) {
            return List.of();
        }
        List<String> recipients = new ArrayList<>();
        for (String named : report.getOrDefault("original-rcpt-to", List.of())) {
            String address = recipient(named);
            if (address != null) {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty() && original != null) {
            String to = original.getHeader("To", ",");
            if (to != null) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(to, false)) {
                        String plain = recipient(address.getAddress());
                        if (plain != null) {
                            recipients.add(plain);
                        }
                    }
                } catch (AddressException unreadable) {
                    return List.of();
                }
            }
        }
        return recipients.stream().distinct()
                .map(r -> new MailBounced(r, MailBounced.Kind.COMPLAINT, messageId, bounded("feedback-type " + feedbackType)))
                .toList();
    }

    /** An address as DSN and ARF fields give it: {@code rfc822; a@b}, {@code utf-8; a@b}, {@code <a@b>} or bare. */
    static @Nullable String recipient(@Nullable String field) {
        if (field == null) {
            return null;
        }
        String value = field.strip();
        int semicolon = value.indexOf(';');
        if (semicolon >= 0) {
            String type = value.substring(0, semicolon).strip().toLowerCase(Locale.ROOT);
            if (!type.equals("rfc822") && !type.equals("utf-8")) {
                return null;
            }
            value = value.substring(semicolon + 1).strip();
        }
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        int at = value.lastIndexOf('@');
        boolean plausible = at > 0 && at < value.length() - 1 && value.length() <= 320
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '<' || c == '>' || c == ',');
        return plausible ? value : null;
    }

    private static @Nullable String messageId(InternetHeaders original) {
        String id = original.getHeader("Message-ID", null);
        if (id == null) {
            return null;
        }
        String trimmed = id.strip();
        return trimmed.isEmpty() || trimmed.length() > 250 ? null : trimmed;
    }

    /** One block of fields, unfolded; a field given twice keeps its first value. */
    private static Map<String, String> fieldsOf(String block) {
        Map<String, String> fields = new LinkedHashMap<>();
        allFieldsOf(block).forEach((name, values) -> fields.put(name, values.getFirst()));
        return fields;
    }

    private static Map<String, List<String>> allFieldsOf(String block) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : block.split("\\r?\\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value.toString().strip());
            }
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (name != null) {
                value.append(line.substring(colon + 1));
            }
        }
        if (name != null) {
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value.toString().strip());
        }
        return fields;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null ? "" : values.getFirst();
    }

    /** {@code 5.1.1 (user unknown)} → {@code 5.1.1}. */
    private static String firstWord(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** {@code smtp; 550 5.1.1 …} → {@code 550 5.1.1 …}. */
    private static String withoutType(String diagnostic) {
        int semicolon = diagnostic.indexOf(';');
        return semicolon < 0 ? diagnostic.strip() : diagnostic.substring(semicolon + 1).strip();
    }

    private static String bounded(String diagnostic) {
        String line = diagnostic.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_DIAGNOSTIC ? line : line.substring(0, MAX_DIAGNOSTIC);
    }

    /** The fields of a report part; UTF-8 reads the ASCII of RFC 3464 and the UTF-8 of RFC 6533 alike. */
    private static String text(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_FIELDS), StandardCharsets.UTF_8);
        }
    }

    /** The header of the returned letter, whether the whole letter came back or only its header. */
    private static InternetHeaders headers(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new InternetHeaders(new java.io.ByteArrayInputStream(in.readNBytes(MAX_FIELDS)));
        }
    }
}
