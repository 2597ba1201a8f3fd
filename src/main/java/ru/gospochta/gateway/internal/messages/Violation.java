package ru.gospochta.gateway.internal.messages;

/**
 * A schema error before it is put into words: the field path, the code (also the message key
 * {@code gateway.api.error.<code>}) and the values the sentence needs.
 */
record Violation(String field, String code, Object... args) {
}
