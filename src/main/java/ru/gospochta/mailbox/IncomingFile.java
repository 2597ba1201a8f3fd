package ru.gospochta.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * A file as it arrived, before any check: the name the sender gave, its bytes, and the type the
 * sender declared (from a multipart header or a JSON field), which is compared with what the bytes are.
 */
public record IncomingFile(String fileName, byte[] content, @Nullable String declaredType) {
}
