package ru.gospochta.mailbox.internal.attachments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.AcceptedFile;
import ru.gospochta.mailbox.AttachmentRules;
import ru.gospochta.mailbox.AttachmentsRefused;
import ru.gospochta.mailbox.AttachmentsRefused.Problem;
import ru.gospochta.mailbox.AttachmentsRefused.Reason;
import ru.gospochta.mailbox.IncomingFile;

/**
 * The attachment rules of APL-2 as the gateway and appeals apply them. Every file of a message is
 * judged, so the sender learns of all its problems at once; each file gets one reason, the first
 * of: its name, no bytes, its own size, what its bytes are, whether its name and declared type
 * agree with that, and the size of the message so far. What a file is outranks what it is
 * called: an EXE named «.pdf» is refused as a program, not as a mismatch.
 */
@Component
public class AttachmentInspection implements AttachmentRules {

    private final long maxFileSize;
    private final long maxMessageSize;
    private final AttachmentsProperties properties;

    public AttachmentInspection(AttachmentsProperties properties) {
        this.properties = properties;
        this.maxFileSize = properties.maxFileSize().toBytes();
        this.maxMessageSize = properties.maxMessageSize().toBytes();
    }

    @Override
    public List<AcceptedFile> acceptAll(List<IncomingFile> files) {
        List<Problem> problems = new ArrayList<>();
        List<AcceptedFile> accepted = new ArrayList<>(files.size());
        long sizeSoFar = 0;
        for (int index = 0; index < files.size(); index++) {
            IncomingFile file = files.get(index);
            byte[] content = file.content() == null ? new byte[0] : file.content();
            sizeSoFar += content.length;
            Optional<String> name = file.fileName() == null ? Optional.empty() : FileNames.clean(file.fileName());
            Verdict verdict = judge(name, content, file.declaredType());
            if (verdict instanceof Verdict.Allowed && sizeSoFar > maxMessageSize) {
                verdict = Verdict.refused(Reason.MESSAGE_TOO_LARGE);
            }
            switch (verdict) {
                case Verdict.Refused refused -> problems.add(new Problem(index, shown(file.fileName()), refused.reason()));
                case Verdict.Allowed allowed -> accepted.add(
                        new AcceptedFile(name.orElseThrow(), allowed.format().mediaType(), content, null));
            }
        }
        if (!problems.isEmpty()) {
            throw new AttachmentsRefused(problems);
        }
        return List.copyOf(accepted);
    }

    /**
     * The text of a file these rules accepted, for search (MBX-2): bounded in length and in time,
     * empty for images and for what cannot be read. Called after delivery, never while accepting.
     */
    public String text(byte[] content) {
        return ContentSniffing.sniff(content, newCollector(), true) instanceof Verdict.Allowed allowed ? allowed.text() : "";
    }

    @Override
    public long maxFileBytes() {
        return maxFileSize;
    }

    private Verdict judge(Optional<String> name, byte[] content, @Nullable String declaredType) {
        if (name.isEmpty()) {
            return Verdict.refused(Reason.NAME_INVALID);
        }
        if (content.length == 0) {
            return Verdict.refused(Reason.EMPTY);
        }
        if (content.length > maxFileSize) {
            return Verdict.refused(Reason.FILE_TOO_LARGE);
        }
        // The text is left for later (the mailbox reads it after delivery): accepting must be quick.
        Verdict verdict = ContentSniffing.sniff(content, newCollector(), false);
        if (verdict instanceof Verdict.Allowed allowed
                && (!allowed.format().agreesWithName(name.get()) || !allowed.format().agreesWithDeclaredType(declaredType))) {
            return Verdict.refused(Reason.TYPE_MISMATCH);
        }
        return verdict;
    }

    private TextCollector newCollector() {
        return new TextCollector(properties.maxTextLength(), properties.textTimeout());
    }


    /** The name as the sender gave it, for the refusal; a missing one is shown as empty. */
    private static String shown(@Nullable String given) {
        return given == null ? "" : given;
    }
}
