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
import ru.gospochta.notify.EventAccepted;
import ru.gospochta.notify.EventStatus;
import ru.gospochta.notify.EventStatuses;

/**
 * The public event contract (NTF-1, NTF-2, GW-3): {@code POST /api/v1/events} raises an event of
 * the notification catalogue for a citizen, {@code GET /api/v1/events/{id}} tells where it stands
 * on each channel. JSON or XML by Content-Type, read, limited, checked and made idempotent the
 * way messages are ({@link ApiCalls}), so an integrator meets one set of rules.
 */
@RestController
@RequestMapping("/api/v1")
class EventsApi {

    /** The endpoint Idempotency-Keys of events are kept under, apart from messages'. */
    static final String ENDPOINT = "events";
    private static final String INVALID = "invalid-event";

    private final GatewayEvents events;
    private final EventStatuses statuses;
    private final ApiCalls calls;
    private final ApiLimits limits;
    private final ApiCallers callers;
    private final ApiErrors errors;
    private final AuditLog audit;

    EventsApi(GatewayEvents events, EventStatuses statuses, ApiCalls calls, ApiLimits limits, ApiCallers callers,
            ApiErrors errors, AuditLog audit) {
        this.events = events;
        this.statuses = statuses;
        this.calls = calls;
        this.limits = limits;
        this.callers = callers;
        this.errors = errors;
        this.audit = audit;
    }

    @Operation(summary = "Raise an event for a citizen (NTF-1, NTF-2)", description = "The event becomes a message in "
            + "the citizen's cabinet at once and a notification on each channel the citizen's settings ask for "
            + "(e-mail, SMS, push), sent at once, after quiet hours or in a digest. JSON or XML by Content-Type "
            + "(XSD: /api/v1/schema/event.xsd). 202 only after the event is stored; the same Idempotency-Key with "
            + "the same body returns the first answer (keys of events and of messages are apart). A citizen nobody "
            + "receives mail as is refused with `recipient`. A test credential's event is checked the same way and "
            + "answered with `sandbox: true`, but reaches nobody and is not stored.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocs.Event.class)),
            @Content(mediaType = "application/xml", schema = @Schema(implementation = ApiDocs.Event.class))})
    @ApiResponse(responseCode = "202", description = "Stored", content = @Content(schema = @Schema(implementation = ApiDocs.EventAccepted.class)))
    @ApiResponse(responseCode = "400", description = "Unreadable body", content = @Content(mediaType = Answers.PROBLEM_JSON,
            schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key used with another body")
    @ApiResponse(responseCode = "413", description = "Body too large")
    @ApiResponse(responseCode = "415", description = "Neither JSON nor XML")
    @ApiResponse(responseCode = "422", description = "Every error: schema, recipient, type and variables",
            content = @Content(mediaType = Answers.PROBLEM_JSON, schema = @Schema(implementation = ApiDocs.Problem.class)))
    @ApiResponse(responseCode = "429", description = "Rate limit or daily quota (an event counts as a message); see Retry-After")
    @PostMapping("/events")
    ResponseEntity<String> raise(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) throws IOException {
        ApiCaller caller = callers.of(token);
        ResponseEntity<String> answer = raise(caller, request, key);
        if (answer.getStatusCode().is4xxClientError()) {
            audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.events.refused",
                    "system:" + caller.systemId(), AuditOutcome.FAILURE).from(request.getRemoteAddr())
                    .with("status", Integer.toString(answer.getStatusCode().value())));
        }
        return answer;
    }

    @Operation(summary = "Where an event stands on each channel (GW-3)", description = "For each notification: the "
            + "channel, its status, how many attempts were made, the provider and error code of the last one, and "
            + "when it changed and was delivered. A notification gathered into a digest reports the digest letter.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiDocs.EventStatus.class)))
    @ApiResponse(responseCode = "404", description = "No such event of this system")
    @GetMapping("/events/{id}")
    ResponseEntity<String> status(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable String id,
            HttpServletRequest request) {
        ApiCaller caller = callers.of(token);
        boolean xml = MessagesApi.wantsXml(request.getHeader(HttpHeaders.ACCEPT));
        Optional<EventStatus> found;
        try {
            found = statuses.of(UUID.fromString(id), caller.systemId());
        } catch (IllegalArgumentException notAnId) {
            found = Optional.empty();
        }
        audit.record(AuditEntry.of("agency-system:" + caller.clientId(), "gateway.event.status", "event:" + id,
                found.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED).from(request.getRemoteAddr()));
        if (found.isEmpty()) {
            return errors.problem(HttpStatus.NOT_FOUND, "event-not-found", xml, List.of(), ApiErrors.locale(request));
        }
        Map<String, Object> status = Answers.event(found.get());
        return xml ? MessagesApi.ok(HttpStatus.OK, Answers.XML, Answers.xmlDocument("event", status))
                : MessagesApi.ok(HttpStatus.OK, Answers.JSON, Answers.json(status));
    }

    @Operation(summary = "The XSD of the XML form of events")
    @GetMapping(value = "/schema/event.xsd", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> schema() throws IOException {
        return ApiCalls.xsd("gateway/event.xsd");
    }

    private ResponseEntity<String> raise(ApiCaller caller, HttpServletRequest request, String key) throws IOException {
        Locale locale = ApiErrors.locale(request);
        boolean xml = ApiCalls.xml(request.getContentType());
        if (!xml && !ApiCalls.json(request.getContentType())) {
            return errors.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", false, List.of(), locale);
        }
        if (key != null && IdempotencyKeys.valid(key).isEmpty()) {
            return errors.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", xml, List.of(), locale);
        }
        return calls.answer(INVALID, xml, locale, () -> {
            Payload payload = Payload.plain(
                    new LimitedInputStream(request.getInputStream(), limits.maxRequestBytes()).readAllBytes(), xml);
            List<Violation> violations = new ArrayList<>();
            JsonNode tree = PayloadReader.tree(payload, PayloadReader.EVENTS, violations);
            EventRequest event = EventSchema.event(tree, violations);
            if (event == null || !violations.isEmpty()) {
                return errors.refused(INVALID, violations, xml, locale);
            }
            return calls.once(caller.systemId(), ENDPOINT, key, payload::hash, () -> {
                EventAccepted accepted = events.raise(caller, event);
                Map<String, Object> answer = Answers.event(accepted, caller.test());
                return new IdempotencyKeys.Answer(HttpStatus.ACCEPTED.value(), xml ? Answers.XML : Answers.JSON,
                        xml ? Answers.xmlDocument("event", answer) : Answers.json(answer));
            });
        });
    }
}
