package ru.gospochta.mailbox.internal.attachments;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a ZIP file as its central directory lists them: the same list Office reads, not
 * the local headers a streaming reader would follow and a crafted file can make disagree with it.
 * {@link java.util.zip.ZipFile} wants a file, so the bytes go to a private temporary file that
 * is deleted on {@link #close()}. What an entry inflates to is counted while it is read, whatever
 * size the directory claims.
 */
final class ZipParts implements AutoCloseable {

    /** Thrown when the listing itself shows a zip bomb or a deliberately ambiguous archive. */
    static final class Suspicious extends Exception {
        Suspicious(String why) {
            super(why, null, false, false);
        }
    }

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_TOTAL = 512L << 20;
    /** Office XML compresses ten to thirty times; a thousand is only reached by padding made to explode. */
    static final long MAX_RATIO = 200;
    /** Entries smaller than this are not judged by their ratio: a tiny part of spaces compresses very well. */
    static final long RATIO_FLOOR = 1L << 20;

    private final Path file;
    private final ZipFile zip;
    /** By lower-cased name: OPC part names are case-insensitive. */
    private final Map<String, ZipEntry> entries;

    private ZipParts(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * Opens and lists the archive.
     *
     * @throws ZipException when it is not a readable ZIP at all
     * @throws Suspicious when it is one that must not be opened further
     */
    static ZipParts open(byte[] content) throws IOException, Suspicious {
        Path file = Files.createTempFile("attachment-", ".zip");
        boolean opened = false;
        try {
            Files.write(file, content);
            // Names without the UTF-8 flag are read byte for byte, so no legacy code page makes opening fail.
            ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.ISO_8859_1);
            try {
                ZipParts parts = new ZipParts(file, zip, list(zip));
                opened = true;
                return parts;
            } finally {
                if (!opened) {
                    zip.close();
                }
            }
        } finally {
            if (!opened) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Map<String, ZipEntry> list(ZipFile zip) throws Suspicious {
        if (zip.size() > MAX_ENTRIES) {
            throw new Suspicious("more than " + MAX_ENTRIES + " entries");
        }
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        long total = 0;
        for (ZipEntry entry : Collections.list(zip.entries())) {
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size < 0 || compressed < 0) {
                throw new Suspicious("an entry without sizes");
            }
            total += size;
            if (total > MAX_TOTAL) {
                throw new Suspicious("inflates to more than " + MAX_TOTAL + " bytes");
            }
            if (size > RATIO_FLOOR && size > compressed * MAX_RATIO) {
                throw new Suspicious("an entry compressed more than " + MAX_RATIO + " times");
            }
            // Two entries of one name let two readers see two different files.
            if (entries.put(entry.getName().toLowerCase(Locale.ROOT), entry) != null) {
                throw new Suspicious("two entries of one name");
            }
        }
        return entries;
    }

    Map<String, ZipEntry> entries() {
        return entries;
    }

    boolean has(String name) {
        return entries.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads one entry, at most {@code limit} bytes of it; an entry inflating beyond what the
     * directory says is cut off with an error.
     */
    Optional<InputStream> read(String name, long limit) throws IOException {
        ZipEntry entry = entries.get(name.toLowerCase(Locale.ROOT));
        if (entry == null || entry.isDirectory()) {
            return Optional.empty();
        }
        return Optional.of(new Bounded(zip.getInputStream(entry), Math.min(limit, entry.getSize())));
    }

    /** The first bytes of an entry, for its signature. */
    byte[] head(String name, int length) throws IOException {
        Optional<InputStream> in = read(name, Long.MAX_VALUE);
        if (in.isEmpty()) {
            return new byte[0];
        }
        try (InputStream stream = in.get()) {
            return stream.readNBytes(length);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary copy of an attachment", e);
        }
    }

    /** An entry's stream that fails rather than giving more than it was allowed to. */
    private static final class Bounded extends FilterInputStream {

        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left <= 0) {
                // One more byte tells an entry that ended from one that goes on past its limit.
                if (super.read() >= 0) {
                    throw new ZipException("an entry is longer than its limit");
                }
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(read(new byte[(int) Math.clamp(n, 0, 8192)]), 0);
        }
    }
}
