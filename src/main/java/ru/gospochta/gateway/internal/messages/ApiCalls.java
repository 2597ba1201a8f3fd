package ru.gospochta.gateway.internal.messages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every JSON-or-XML call of the API shares (GW-2, GW-5): the format told by Content-Type,
 * each refusal of the contract turned into its answer in one place, and Idempotency-Key with the
 * replay marked, kept per endpoint.
 */
@Component
class ApiCalls {

    /** The work of a call, which may end in any refusal of the contract. */
    @FunctionalInterface
    interface Call {
        ResponseEntity<String> run() throws IOException;
    }

    private final IdempotencyKeys idempotency;
    private final ApiErrors errors;

    ApiCalls(IdempotencyKeys idempotency, ApiErrors errors) {
        this.idempotency = idempotency;
        this.errors = errors;
    }

    /** A published XSD from the class path, as it is: public like the OpenAPI document. */
    static ResponseEntity<String> xsd(String resource) throws IOException {
        try (InputStream xsd = new ClassPathResource(resource).getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                    .body(new String(xsd.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static boolean xml(@Nullable String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/xml") || type.startsWith("text/xml");
    }

    static boolean json(@Nullable String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /**
     * The call's answer, or the refusal it ran into, in the format of the call.
     *
     * @param invalid the problem code of a 422, naming what was refused ({@code invalid-message}…)
     */
    ResponseEntity<String> answer(String invalid, boolean xml, Locale locale, Call call) throws IOException {
        try {
            return call.run();
        } catch (PayloadTooLarge tooLarge) {
            return errors.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", xml, List.of(), locale, tooLarge.limit());
        } catch (UnsupportedFormat unsupported) {
            return errors.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, unsupported.code(), xml, List.of(), locale);
        } catch (MalformedPayload malformed) {
            return errors.problem(HttpStatus.BAD_REQUEST, malformed.code(), xml, List.of(), locale, malformed.args());
        } catch (MessagesRefused refused) {
            return errors.refused(invalid, refused.violations(), xml, locale);
        } catch (IdempotencyKeys.KeyReused reused) {
            return errors.problem(HttpStatus.CONFLICT, "idempotency-key-reused", xml, List.of(), locale);
        } catch (QuotaExceeded quota) {
            return errors.tooMany(quota, xml, locale);
        }
    }

    /**
     * Runs {@code work} once per system, endpoint and Idempotency-Key (every time without a key);
     * a replayed answer says so in {@code Idempotent-Replayed}.
     */
    ResponseEntity<String> once(UUID systemId, String endpoint, @Nullable String key, Supplier<byte[]> bodyHash,
            Supplier<IdempotencyKeys.Answer> work) {
        IdempotencyKeys.Replayable answer = key == null ? idempotency.none(work)
                : idempotency.once(systemId, endpoint, key, bodyHash.get(), work);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.answer().status())
                .contentType(MediaType.parseMediaType(answer.answer().contentType()));
        if (answer.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(answer.answer().body());
    }
}
