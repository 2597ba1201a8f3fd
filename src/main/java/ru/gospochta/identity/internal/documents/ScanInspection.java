package ru.gospochta.identity.internal.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

import ru.gospochta.identity.internal.documents.UploadRefused.Reason;

/**
 * Takes an upload into a temporary file and decides what it is (APL-2): its size counted while it
 * is read, its format recognised from its bytes by Tika's magic numbers alone (no file name is
 * given to Tika, so a name cannot sway it), then compared with what the browser claimed.
 */
@Component
class ScanInspection {

    /** A scan that passed: a temporary file waiting for its stored name. */
    record StagedScan(Path temporary, ScanFormat format, long sizeBytes) {
    }

    private final DocumentFiles files;
    private final long limit;
    private final MimeTypes magic = MimeTypes.getDefaultMimeTypes();

    ScanInspection(DocumentFiles files, IdentityDocumentsProperties properties) {
        this.files = files;
        this.limit = properties.maxSize().toBytes();
    }

    long limit() {
        return limit;
    }

    /** The checked scan; the caller owns the temporary file. On a refusal nothing is left behind. */
    StagedScan stage(ScanUpload upload) {
        if (upload.baseName().isEmpty()) {
            throw new UploadRefused(Reason.NO_FILE);
        }
        Path temporary = files.newTemporary();
        boolean passed = false;
        try {
            long size = files.writeTemporary(upload.content().getInputStream(), temporary, limit);
            if (size == 0) {
                throw new UploadRefused(Reason.NO_FILE);
            }
            if (size > limit) {
                throw new UploadRefused(Reason.TOO_LARGE);
            }
            ScanFormat format = ScanFormat.ofMediaType(sniff(temporary).getBaseType().toString())
                    .orElseThrow(() -> new UploadRefused(Reason.FORMAT));
            if (!format.agreesWithName(upload.baseName()) || !format.agreesWithDeclaredType(upload.declaredType())) {
                throw new UploadRefused(Reason.MISMATCH);
            }
            passed = true;
            return new StagedScan(temporary, format, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        } finally {
            if (!passed) {
                files.deleteQuietly(temporary);
            }
        }
    }

    private MediaType sniff(Path file) throws IOException {
        try (InputStream in = TikaInputStream.get(file)) {
            return magic.detect(in, new Metadata());
        }
    }
}
