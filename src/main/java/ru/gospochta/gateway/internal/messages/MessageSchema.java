package ru.gospochta.gateway.internal.messages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import ru.gospochta.identity.Inn;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.Recipients;
import ru.gospochta.identity.Snils;
import ru.gospochta.mailbox.IncomingFile;

/**
 * The message schema of the public contract (GW-2), checked on a tree read from JSON or XML so
 * both formats give the same answers. It reports every broken rule with its path, never only the
 * first, and builds the request only when there is none. Its rules for recipients and text fields
 * serve {@link EventSchema} too.
 */
final class MessageSchema {

    static final int MAX_BATCH = 1000;
    static final int MAX_SUBJECT = 255;
    static final int MAX_TEXT = 100_000;
    static final int MAX_HTML = 200_000;
    static final int MAX_FILES = 20;
    static final int MAX_FILE_NAME = 255;
    private static final Pattern APPLICATION_REF = Pattern.compile("[\\p{L}\\p{N}_./-]{1,64}");
    private static final Set<String> PRIORITIES = Set.of("normal", "high");
    private static final Set<String> MESSAGE_FIELDS = Set.of("recipient", "category", "subject", "body", "applicationRef",
            "dueDate", "priority", "attachments");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("snils", "inn", "accountId");
    private static final Set<String> BODY_FIELDS = Set.of("text", "html");
    private static final Set<String> FILE_FIELDS = Set.of("fileName", "contentType", "content");

    private MessageSchema() {
    }

    /** A batch: {@code {"messages": [...]}} of 1 to 1,000 messages. */
    static List<MessageRequest> batch(JsonNode root, List<Violation> violations) {
        if (!root.isObject()) {
            violations.add(new Violation("", "not-an-object"));
            return List.of();
        }
        unknownFields(root, Set.of("messages"), "", violations);
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            violations.add(new Violation("messages", "required"));
            return List.of();
        }
        if (!messages.isArray()) {
            violations.add(new Violation("messages", "not-a-list"));
            return List.of();
        }
        if (messages.isEmpty() || messages.size() > MAX_BATCH) {
            violations.add(new Violation("messages", "batch-size", MAX_BATCH));
            return List.of();
        }
        List<MessageRequest> requests = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            MessageRequest request = message(messages.get(i), "messages[" + i + "]", violations);
            if (request != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    /** One message; {@code null} when it broke a rule (the violations say which). */
    static @Nullable MessageRequest message(JsonNode node, String path, List<Violation> violations) {
        if (!node.isObject()) {
            violations.add(new Violation(path, "not-an-object"));
            return null;
        }
        int before = violations.size();
        unknownFields(node, MESSAGE_FIELDS, path, violations);
        Recipients.Key recipient = recipient(node.get("recipient"), join(path, "recipient"), violations);
        String category = text(node, "category", path, true, 64, violations);
        if (category != null && !Categories.AGENCY.contains(category)) {
            violations.add(new Violation(join(path, "category"), "unknown-category", String.join(", ", Categories.AGENCY)));
        }
        String subject = text(node, "subject", path, true, MAX_SUBJECT, violations);
        String[] body = body(node.get("body"), join(path, "body"), violations);
        String applicationRef = text(node, "applicationRef", path, false, 64, violations);
        if (applicationRef != null && !APPLICATION_REF.matcher(applicationRef).matches()) {
            violations.add(new Violation(join(path, "applicationRef"), "invalid-format"));
        }
        LocalDate dueDate = date(node, "dueDate", path, violations);
        String priority = text(node, "priority", path, false, 16, violations);
        if (priority != null && !PRIORITIES.contains(priority)) {
            violations.add(new Violation(join(path, "priority"), "invalid-value", "normal, high"));
        }
        List<IncomingFile> files = attachments(node.get("attachments"), join(path, "attachments"), violations);
        if (violations.size() > before) {
            return null;
        }
        return new MessageRequest(recipient, category, subject, body[0], body[1], applicationRef, dueDate,
                priority == null ? "normal" : priority, files);
    }

    /**
     * The message with the files sent as multipart parts after its base64 attachments, so their
     * paths count on ({@code attachments[n]} and up); {@code null} when there are too many together.
     */
    static @Nullable MessageRequest withParts(MessageRequest request, List<IncomingFile> parts, List<Violation> violations) {
        if (parts.isEmpty()) {
            return request;
        }
        if (request.attachments().size() + parts.size() > MAX_FILES) {
            violations.add(new Violation("attachments", "too-many-files", MAX_FILES));
            return null;
        }
        List<IncomingFile> files = new ArrayList<>(request.attachments());
        files.addAll(parts);
        return new MessageRequest(request.recipient(), request.category(), request.subject(), request.bodyText(),
                request.bodyHtml(), request.applicationRef(), request.dueDate(), request.priority(), List.copyOf(files));
    }

    static Recipients.@Nullable Key recipient(@Nullable JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new Violation(path, "required"));
            return null;
        }
        if (!node.isObject()) {
            violations.add(new Violation(path, "not-an-object"));
            return null;
        }
        unknownFields(node, RECIPIENT_FIELDS, path, violations);
        List<String> given = RECIPIENT_FIELDS.stream().filter(f -> node.get(f) != null && !node.get(f).isNull()).sorted().toList();
        if (given.size() != 1) {
            violations.add(new Violation(path, "one-recipient"));
            return null;
        }
        String field = given.getFirst();
        String value = text(node, field, path, true, 64, violations);
        if (value == null) {
            return null;
        }
        try {
            return switch (field) {
                case "snils" -> new Recipients.Key(Recipients.By.SNILS, Snils.parse(value).digits());
                case "inn" -> new Recipients.Key(Recipients.By.INN, Inn.parse(value).digits());
                default -> new Recipients.Key(Recipients.By.ACCOUNT_ID, UUID.fromString(value).toString());
            };
        } catch (InvalidValue invalid) {
            violations.add(new Violation(join(path, field), invalid.code().endsWith("checksum") ? "invalid-checksum" : "invalid-format"));
        } catch (IllegalArgumentException notAUuid) {
            violations.add(new Violation(join(path, field), "invalid-format"));
        }
        return null;
    }

    /** [text, html]: exactly one of them. */
    private static String[] body(@Nullable JsonNode node, String path, List<Violation> violations) {
        String[] none = {null, null};
        if (node == null || node.isNull()) {
            violations.add(new Violation(path, "required"));
            return none;
        }
        if (!node.isObject()) {
            violations.add(new Violation(path, "not-an-object"));
            return none;
        }
        unknownFields(node, BODY_FIELDS, path, violations);
        String text = text(node, "text", path, false, MAX_TEXT, violations);
        String html = text(node, "html", path, false, MAX_HTML, violations);
        if ((text == null) == (html == null)) {
            violations.add(new Violation(path, "one-body"));
            return none;
        }
        return new String[] {text, html};
    }

    private static List<IncomingFile> attachments(@Nullable JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new Violation(path, "not-a-list"));
            return List.of();
        }
        if (node.size() > MAX_FILES) {
            violations.add(new Violation(path, "too-many-files", MAX_FILES));
            return List.of();
        }
        List<IncomingFile> files = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode file = node.get(i);
            if (!file.isObject()) {
                violations.add(new Violation(at, "not-an-object"));
                continue;
            }
            unknownFields(file, FILE_FIELDS, at, violations);
            String name = text(file, "fileName", at, true, MAX_FILE_NAME, violations);
            String type = text(file, "contentType", at, false, 127, violations);
            String content = text(file, "content", at, true, Integer.MAX_VALUE, violations);
            if (name == null || content == null) {
                continue;
            }
            try {
                files.add(new IncomingFile(name, base64(content), type));
            } catch (IllegalArgumentException notBase64) {
                violations.add(new Violation(join(at, "content"), "invalid-base64"));
            }
        }
        return files;
    }

    /**
     * Base64 on one line, as most systems send it, goes through the strict decoder, which refuses
     * any character outside the alphabet by itself. Wrapped base64 (XML tools break it at 76
     * characters) needs the MIME decoder, which lets line breaks through but silently skips every
     * other stranger too, so the alphabet is checked first: the contract does not skip them.
     */
    static byte[] base64(String content) {
        try {
            return Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException wrappedOrNotBase64) {
            if (!base64Alphabet(content)) {
                throw wrappedOrNotBase64;
            }
            return Base64.getMimeDecoder().decode(content);
        }
    }

    private static boolean base64Alphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '=' || c == '\r' || c == '\n' || c == ' ' || c == '\t';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable LocalDate date(JsonNode node, String field, String path, List<Violation> violations) {
        String value = text(node, field, path, false, 10, violations);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            violations.add(new Violation(join(path, field), "invalid-date"));
            return null;
        }
    }

    /** A string field: present when required, a string, not blank, not longer than {@code max}. */
    static @Nullable String text(JsonNode node, String field, String path, boolean required, int max,
            List<Violation> violations) {
        JsonNode value = node.get(field);
        String at = join(path, field);
        if (value == null || value.isNull()) {
            if (required) {
                violations.add(new Violation(at, "required"));
            }
            return null;
        }
        if (!value.isString()) {
            violations.add(new Violation(at, "not-a-string"));
            return null;
        }
        String text = value.stringValue();
        if (text.isBlank()) {
            violations.add(new Violation(at, required ? "required" : "blank"));
            return null;
        }
        if (text.length() > max) {
            violations.add(new Violation(at, "too-long", max));
            return null;
        }
        return text;
    }

    static void unknownFields(JsonNode node, Set<String> known, String path, List<Violation> violations) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                violations.add(new Violation(join(path, field.getKey()), "unknown-field"));
            }
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
