package ru.gospochta.mailbox.internal.attachments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import ru.gospochta.mailbox.AttachmentsRefused.Reason;

/**
 * The first bytes of programs and archives. Checked before anything else and independently of
 * Tika's catalogue, so that the refusal names the real danger («a program», not «some format»)
 * and does not depend on how a library version classifies a file.
 */
final class Signatures {

    private record Signature(int offset, byte[] bytes, Reason reason) {
    }

    /** An OLE2 compound file: legacy Office, MSI installers, and encrypted OOXML. */
    static final byte[] COMPOUND_FILE = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
    static final byte[] ZIP = {'P', 'K', 3, 4};
    static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    static final byte[] SPANNED_ZIP = {'P', 'K', 7, 8};
    static final byte[] PDF = ascii("%PDF-");
    static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF);
    static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);

    private static final List<Signature> KNOWN = List.of(
            // Windows and DOS programs, and self-extracting archives that start as one.
            new Signature(0, ascii("MZ"), Reason.EXECUTABLE),
            new Signature(0, bytes(0x7F, 'E', 'L', 'F'), Reason.EXECUTABLE),
            // Mach-O in both byte orders and widths; CAFEBABE is both a universal binary and a Java class.
            new Signature(0, bytes(0xFE, 0xED, 0xFA, 0xCE), Reason.EXECUTABLE),
            new Signature(0, bytes(0xFE, 0xED, 0xFA, 0xCF), Reason.EXECUTABLE),
            new Signature(0, bytes(0xCE, 0xFA, 0xED, 0xFE), Reason.EXECUTABLE),
            new Signature(0, bytes(0xCF, 0xFA, 0xED, 0xFE), Reason.EXECUTABLE),
            new Signature(0, bytes(0xCA, 0xFE, 0xBA, 0xBE), Reason.EXECUTABLE),
            new Signature(0, ascii("dex\n"), Reason.EXECUTABLE),
            // A Windows shortcut runs any command line; a compiled help file runs its scripts.
            new Signature(0, bytes(0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0), Reason.EXECUTABLE),
            new Signature(0, ascii("ITSF"), Reason.EXECUTABLE),
            // Any script a shell would run, whatever its interpreter.
            new Signature(0, ascii("#!"), Reason.EXECUTABLE),
            new Signature(0, bytes(0xEF, 0xBB, 0xBF, '#', '!'), Reason.EXECUTABLE),
            new Signature(0, ascii("Rar!\u001A\u0007"), Reason.ARCHIVE),
            new Signature(0, bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C), Reason.ARCHIVE),
            new Signature(0, bytes(0x1F, 0x8B), Reason.ARCHIVE),
            new Signature(0, ascii("BZh"), Reason.ARCHIVE),
            new Signature(0, bytes(0xFD, '7', 'z', 'X', 'Z', 0x00), Reason.ARCHIVE),
            new Signature(0, bytes(0x28, 0xB5, 0x2F, 0xFD), Reason.ARCHIVE),
            new Signature(0, ascii("LZIP"), Reason.ARCHIVE),
            new Signature(0, ascii("MSCF"), Reason.ARCHIVE),
            new Signature(0, bytes(0x60, 0xEA), Reason.ARCHIVE),
            new Signature(0, ascii("!<arch>\n"), Reason.ARCHIVE),
            new Signature(0, bytes(0xED, 0xAB, 0xEE, 0xDB), Reason.ARCHIVE),
            new Signature(0, ascii("xar!"), Reason.ARCHIVE),
            new Signature(257, ascii("ustar"), Reason.ARCHIVE),
            new Signature(0x8001, ascii("CD001"), Reason.ARCHIVE),
            new Signature(0, EMPTY_ZIP, Reason.ARCHIVE),
            new Signature(0, SPANNED_ZIP, Reason.ARCHIVE));

    private Signatures() {
    }

    /** A program or an archive, recognised by its first bytes. */
    static Optional<Reason> dangerous(byte[] content) {
        return KNOWN.stream().filter(s -> startsWith(content, s.offset(), s.bytes())).map(Signature::reason).findFirst();
    }

    static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code needle} occurs anywhere in {@code content}. */
    static boolean contains(byte[] content, byte[] needle) {
        outer:
        for (int i = 0; i <= content.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
