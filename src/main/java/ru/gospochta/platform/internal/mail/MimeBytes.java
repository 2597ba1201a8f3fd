package ru.gospochta.platform.internal.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte array a letter is written into: unsynchronized and without the stream layers
 * of an output stream, as it is filled by one thread and copied out once.
 */
final class MimeBytes {

    private byte[] bytes;
    private int size;

    MimeBytes(int capacity) {
        this.bytes = new byte[Math.max(64, capacity)];
    }

    /** Text the caller knows to be ASCII, one byte a character. */
    MimeBytes ascii(CharSequence text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    MimeBytes utf8(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    MimeBytes raw(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
        return this;
    }

    MimeBytes crlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
        return this;
    }

    boolean endsWithCrlf() {
        return size >= 2 && bytes[size - 2] == '\r' && bytes[size - 1] == '\n';
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
