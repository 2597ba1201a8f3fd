package ru.gospochta.gateway.internal.messages;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shapes of the message and event contracts as the OpenAPI document shows them (GW-2, NTF-1).
 * The API reads bodies itself ({@link MessageSchema}, {@link EventSchema}); these records only
 * describe them, field for field, so the document and the checks cannot drift apart without a
 * test noticing.
 */
final class ApiDocs {

    private ApiDocs() {
    }

    @Schema(name = "Message", description = "One message to a citizen", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Message(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Recipient recipient,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"application-status", "deadlines",
                    "personal-data", "documents-ready", "payments", "new-services", "support"}) String category,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255, example = "Решение по заявлению") String subject,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Body body,
            @Schema(maxLength = 64, pattern = "[\\p{L}\\p{N}_./-]{1,64}", example = "З-2026/0042") String applicationRef,
            @Schema(format = "date", example = "2026-12-31") String dueDate,
            @Schema(allowableValues = {"normal", "high"}, defaultValue = "normal") String priority,
            @ArraySchema(maxItems = 20) List<Attachment> attachments) {
    }

    @Schema(name = "Recipient", description = "Exactly one of snils, inn, accountId",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Recipient(@Schema(example = "112-233-445 95") String snils, @Schema(pattern = "\\d{12}") String inn,
            @Schema(format = "uuid") String accountId) {
    }

    @Schema(name = "Body", description = "Exactly one of text, html (sanitised with an allow-list)",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Body(@Schema(maxLength = 100_000) String text, @Schema(maxLength = 200_000) String html) {
    }

    @Schema(name = "Attachment", description = "PDF, DOCX, XLSX, JPG, PNG or XML; at most 10 MB a file, 50 MB a message",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Attachment(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255, example = "Решение.pdf") String fileName,
            @Schema(maxLength = 127, example = "application/pdf") String contentType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte") String content) {
    }

    @Schema(name = "MessageForm", description = "One message with its files as multipart/form-data parts")
    record MessageForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The message, JSON or XML by the part's "
                    + "Content-Type; exactly one part of this name") Message message,
            @ArraySchema(maxItems = 20, arraySchema = @Schema(description = "Files, one a part, under any name but "
                    + "`message`; the part's file name is the attachment's. PDF, DOCX, XLSX, JPG, PNG or XML; at most "
                    + "10 MB a file, 50 MB a message with the base64 attachments"),
                    schema = @Schema(type = "string", format = "binary")) List<String> attachment) {
    }

    @Schema(name = "Batch", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Batch(@ArraySchema(minItems = 1, maxItems = 1000) List<Message> messages) {
    }

    @Schema(name = "MessageStatus")
    record Status(@Schema(format = "uuid") String id, @Schema(example = "GP-2026-0000000042") String registrationNumber,
            @Schema(allowableValues = {"accepted", "delivered", "read", "undeliverable"}) String status,
            @Schema(format = "date-time") String statusAt,
            @Schema(allowableValues = {"no-such-citizen", "account-not-active", "ambiguous"}) String reason,
            boolean sandbox, @Schema(example = "112-***-*** 95") String recipient,
            @Schema(format = "date-time") String acceptedAt, @Schema(format = "date-time") String deliveredAt,
            @Schema(format = "date-time") String readAt, @Schema(format = "date-time") String undeliverableAt) {
    }

    @Schema(name = "BatchStatus")
    record BatchStatus(List<Status> messages) {
    }

    @Schema(name = "Event", description = "An event of the notification catalogue for one citizen",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Event(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Recipient recipient,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64, example = "charge-issued",
                    description = "A type of the catalogue, with its variables (all text, all required unless marked "
                            + "optional): application-status-changed (applicationNumber, serviceName, status, date, "
                            + "comment optional); deadline-reminder (what, dueDate, applicationNumber optional); "
                            + "personal-data-changed (what, date); document-ready (documentName, applicationNumber "
                            + "optional); charge-issued «Начисление», payment-received «Платёж», charge-cancelled "
                            + "«Отмена» (operationId, date, amount, paymentDetails, link); urgent-demand «Срочное "
                            + "требование» (the same and dueDate); new-service (serviceName, description); "
                            + "support-reply (requestNumber). An unknown type is refused with `type`.") String type,
            @Schema(description = "Variables by name, each a string of at most 2,000 characters: dates as "
                    + "YYYY-MM-DD, amounts in roubles with a dot (1500.00), links https:// or a path in the cabinet. "
                    + "A missing, unknown or malformed variable is refused with `variables.<name>`.",
                    example = "{\"operationId\": \"18810177230000012345\", \"date\": \"2026-03-01\", "
                            + "\"amount\": \"1500.00\", \"paymentDetails\": \"УФК по г. Москве\", "
                            + "\"link\": \"/payments/18810177230000012345\"}") Map<String, String> variables) {
    }

    @Schema(name = "EventAccepted")
    record EventAccepted(@Schema(format = "uuid") String id,
            @Schema(format = "uuid", description = "The event's message in the citizen's cabinet") String messageId,
            List<PlannedNotification> notifications,
            @Schema(allowableValues = "accepted") String status,
            @Schema(description = "A test credential's event: checked, answered, not stored, sent to nobody") boolean sandbox) {
    }

    @Schema(name = "PlannedNotification")
    record PlannedNotification(@Schema(format = "uuid") String id,
            @Schema(allowableValues = {"email", "sms", "push"}) String channel,
            @Schema(allowableValues = {"created", "waiting-digest"}) String status) {
    }

    @Schema(name = "EventStatus")
    record EventStatus(@Schema(format = "uuid") String id, @Schema(format = "uuid") String messageId,
            @Schema(example = "charge-issued") String type, @Schema(format = "date-time") String createdAt,
            List<NotificationStatus> notifications) {
    }

    @Schema(name = "NotificationStatus")
    record NotificationStatus(@Schema(format = "uuid") String id,
            @Schema(allowableValues = {"email", "sms", "push"}) String channel,
            @Schema(allowableValues = {"created", "sending", "delivered", "temporary-failure", "permanent-failure",
                    "technical-failure", "waiting-digest", "skipped"}) String status,
            @Schema(description = "Delivery attempts made") int attempts,
            @Schema(description = "Who took the last attempt") String provider,
            @Schema(description = "Why the last attempt failed") String errorCode,
            @Schema(format = "date-time") String updatedAt, @Schema(format = "date-time") String deliveredAt,
            @Schema(description = "Gathered into a digest letter, whose fate the other fields tell") boolean digest) {
    }

    @Schema(name = "Problem", description = "RFC 9457 problem details with the list of errors")
    record Problem(String type, String title, int status, String detail, String code, List<Error> errors) {
    }

    @Schema(name = "Error")
    record Error(@Schema(example = "messages[3].recipient.snils") String field,
            @Schema(example = "invalid-checksum") String code, String message) {
    }
}
