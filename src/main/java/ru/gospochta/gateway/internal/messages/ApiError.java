package ru.gospochta.gateway.internal.messages;

/**
 * One thing wrong with a request, as the API reports it (GW-2): where, a stable code for programs,
 * and a sentence for the integrator.
 *
 * @param field the path of the field, e.g. {@code messages[3].recipient.snils}; empty for the whole request
 * @param code a stable code such as {@code required} or {@code invalid-checksum}
 * @param message what is wrong, in the language the client asked for
 */
public record ApiError(String field, String code, String message) {
}
