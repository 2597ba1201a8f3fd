package ru.gospochta.gateway.internal.messages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.notify.EventStatuses;

/**
 * The public message contract (GW-2, GW-3): {@code POST /api/v1/messages}, {@code POST
 * /api/v1/messages/batch} and {@code GET /api/v1/messages/{id}}, in JSON or XML by Content-Type;
 * one message may also come as a form with its files as parts ({@link MultipartMessages}). The
 * body is read here, under a size limit, rather than by a message converter, so the same bytes
 * are hashed for Idempotency-Key and checked by one schema for both formats.
 */
@RestController
@RequestMapping("/api/v1")
class MessagesApi {

    /** The endpoint Idempotency-Keys of messages and batches are kept under. */
    static final String ENDPOINT = "messages";

    private final GatewayMessages messages;
    private final SentMessages store;
    private final ApiCalls calls;
    private final ApiLimits limits;
    private final MultipartMessages multiparts;
    private final ApiCallers callers;
    private final ApiErrors errors;
    private final AuditLog audit;

    private final EventStatuses eventStatuses;

    MessagesApi(GatewayMessages messages, SentMessages store, ApiCalls calls, ApiLimits limits,
            MultipartMessages multiparts, ApiCallers callers, ApiErrors errors, AuditLog audit, EventStatuses eventStatuses) {
        this.eventStatuses = eventStatuses;
        this.multiparts = multiparts;
        this.audit = audit;
        this.messages = messages;
        this.store = store;
        this.calls = calls;
        this.limits = limits;
        this.callers = callers;
        this.errors = errors;
    }

    @Operation(summary = "Send one message to a citizen (GW-2)", description = "JSON or XML by Content-Type, or "
            + "multipart/form-data: the message in a part named `message` (JSON or XML by the part's Content-Type) and "
            + "each file in a part of its own, under any other name, with the file name in the part's `filename` (or "
            + "RFC 5987 `filename*`). Files sent as parts follow the message's base64 attachments and are numbered on "
            + "from them in errors (`attachments[n]`); the same rules apply to both. "
            + "202 only after the message is stored; the same Idempotency-Key with the same body (for a form: the same "
            + "message part and the same files, names and bytes, in the same order) returns the first answer.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.Message.class)),
            @Content(mediaType = "application/xml", schema = @Schema(implementation = ApiDocs.Message.class)),
            @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = ApiDocs.MessageForm.class),
                    encoding = @Encoding(name = MultipartMessages.MESSAGE_PART,
                            contentType = "application/json, application/xml"))})
    @ApiResponse(responseCode = "202", description = "Stored", content = @Content(schema = @Schema(implementation = ApiDocs.Status.class)))
    @ApiResponse(responseCode = "400", description = "Unreadable body, or a form without exactly one message part",
            content = @Content(mediaType = Answers.PROBLEM_JSON, schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key used with another body")
    @ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Answers.PROBLEM_JSON,
            schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "415", description = "Neither JSON, XML nor a form; or a message part neither JSON nor XML",
            content = @Content(mediaType = Answers.PROBLEM_JSON, schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "422", description = "Every schema error", content = @Content(mediaType = Answers.PROBLEM_JSON,
            schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limit or daily quota; see Retry-After")
    @PostMapping("/messages")
    ResponseEntity<String> send(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) throws IOException {
        return submit(token, request, key, false);
    }

    @Operation(summary = "Send up to 1,000 messages at once (GW-2)", description = "All or nothing: one schema error "
            + "refuses the batch with every error listed. The answer lists the messages in the order sent. JSON or XML "
            + "only: files go as base64 attachments; multipart/form-data is for single messages.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.Batch.class)),
            @Content(mediaType = "application/xml", schema = @Schema(implementation = ApiDocs.Batch.class))})
    @ApiResponse(responseCode = "202", description = "Stored", content = @Content(schema = @Schema(implementation = ApiDocs.BatchStatus.class)))
    @ApiResponse(responseCode = "422", description = "Every schema error", content = @Content(mediaType = Answers.PROBLEM_JSON,
            schema = @Schema(implementation = ApiDocs.Problem.class)))
    @PostMapping("/messages/batch")
    ResponseEntity<String> sendBatch(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) throws IOException {
        return submit(token, request, key, true);
    }

    @Operation(summary = "Where a message stands (GW-3): accepted, delivered, read or undeliverable, each with its time")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiDocs.Status.class)))
    @ApiResponse(responseCode = "404", description = "No such message of this system")
    @GetMapping("/messages/{id}")
    ResponseEntity<String> status(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id, HttpServletRequest request) {
        ApiCaller caller = callers.of(token);
        boolean xml = wantsXml(request.getHeader(HttpHeaders.ACCEPT));
        Optional<SentMessage> found;
        try {
            found = store.ofSystem(UUID.fromString(id), caller.systemId());
        } catch (IllegalArgumentException notAnId) {
            found = Optional.empty();
        }
        audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.message.status", "message:" + id,
                found.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED).from(request.getRemoteAddr()));
        if (found.isEmpty()) {
            return errors.problem(HttpStatus.NOT_FOUND, "not-found", xml, List.of(), ApiErrors.locale(request));
        }
        Map<String, Object> status = Answers.status(found.get());
        // Its announcement to the citizen, channel by channel (NTF-5): the message id is the event id.
        eventStatuses.of(found.get().id(), caller.systemId())
                .ifPresent(announced -> status.put("notifications", Answers.notifications(announced)));
        return xml ? ok(HttpStatus.OK, Answers.XML, Answers.xmlMessage(status))
                : ok(HttpStatus.OK, Answers.JSON, Answers.json(status));
    }

    /** The XSD of the XML form, public like the OpenAPI document. */
    @Operation(summary = "The XSD of the XML form of messages and batches")
    @GetMapping(value = "/schema/message.xsd", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> schema() throws IOException {
        return ApiCalls.xsd("gateway/message.xsd");
    }

    /** Runs the call and journals a refusal; an accepted call is journalled with its messages. */
    private ResponseEntity<String> submit(Jwt token, HttpServletRequest request, String key, boolean batch)
            throws IOException {
        ApiCaller caller = callers.of(token);
        ResponseEntity<String> answer = submit(caller, request, key, batch);
        if (answer.getStatusCode().is4xxClientError()) {
            audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.messages.refused",
                    "system:" + caller.systemId(), AuditOutcome.FAILURE).from(request.getRemoteAddr())
                    .with("status", Integer.toString(answer.getStatusCode().value())));
        }
        return answer;
    }

    private ResponseEntity<String> submit(ApiCaller caller, HttpServletRequest request, String key, boolean batch)
            throws IOException {
        Locale locale = ApiErrors.locale(request);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/form-data");
        // A form's answers follow its message part; until that is read, the Accept header.
        boolean xml = multipart ? wantsXml(request.getHeader(HttpHeaders.ACCEPT)) : ApiCalls.xml(type);
        if (multipart ? batch : !xml && !ApiCalls.json(type)) {
            return errors.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", false, List.of(), locale);
        }
        if (key != null && IdempotencyKeys.valid(key).isEmpty()) {
            return errors.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", xml, List.of(), locale);
        }
        long limit = multipart ? multiparts.limit() : batch ? limits.maxBatchBytes() : limits.maxRequestBytes();
        return calls.answer("invalid-message", xml, locale, () -> {
            Payload payload = multipart ? multiparts.read(request)
                    : Payload.plain(new LimitedInputStream(request.getInputStream(), limit).readAllBytes(), xml);
            return submit(caller, payload, key, batch, locale);
        });
    }

    /** Checks the document by the schema, then stores its messages once per Idempotency-Key. */
    private ResponseEntity<String> submit(ApiCaller caller, Payload payload, String key, boolean batch, Locale locale)
            throws IOException {
        boolean xml = payload.xml();
        // A form's message part may be in another format than the Accept header asked: its refusals follow the part.
        return calls.answer("invalid-message", xml, locale, () -> {
            List<Violation> violations = new ArrayList<>();
            JsonNode tree = PayloadReader.tree(payload, PayloadReader.MESSAGES, violations);
            List<MessageRequest> requests;
            List<String> paths;
            if (batch) {
                requests = MessageSchema.batch(tree, violations);
                paths = new ArrayList<>();
                for (int i = 0; i < requests.size(); i++) {
                    paths.add("messages[" + i + "]");
                }
            } else {
                MessageRequest one = MessageSchema.message(tree, "", violations);
                if (one != null) {
                    one = MessageSchema.withParts(one, payload.files(), violations);
                }
                requests = one == null ? List.of() : List.of(one);
                paths = List.of("");
            }
            if (!violations.isEmpty()) {
                return errors.refused(violations, xml, locale);
            }
            return calls.once(caller.systemId(), ENDPOINT, key, payload::hash,
                    () -> accept(caller, requests, paths, batch, xml));
        });
    }

    private IdempotencyKeys.Answer accept(ApiCaller caller, List<MessageRequest> requests, List<String> paths,
            boolean batch, boolean xml) {
        List<Map<String, Object>> statuses = messages.accept(caller, requests, paths).stream().map(Answers::status).toList();
        if (batch) {
            return new IdempotencyKeys.Answer(HttpStatus.ACCEPTED.value(), xml ? Answers.XML : Answers.JSON,
                    xml ? Answers.xmlMessages(statuses) : Answers.json(Map.of("messages", statuses)));
        }
        return new IdempotencyKeys.Answer(HttpStatus.ACCEPTED.value(), xml ? Answers.XML : Answers.JSON,
                xml ? Answers.xmlMessage(statuses.getFirst()) : Answers.json(statuses.getFirst()));
    }

    static ResponseEntity<String> ok(HttpStatus status, String type, String body) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(type)).body(body);
    }

    static boolean wantsXml(String accept) {
        return accept != null && (accept.contains("application/xml") || accept.contains("text/xml"))
                && !accept.contains("application/json");
    }
}
