package ru.gospochta.mailbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message to put into a citizen's mailbox (MBX-1), as the delivering module vouches for it.
 *
 * @param id the message id, the same the sender was told (the gateway's)
 * @param account the recipient's account
 * @param agencyId the sending agency
 * @param agencyName the agency's name as the citizen sees it
 * @param category one of the NTF-1 categories, e.g. {@code application-status}
 * @param subject the subject, plain text
 * @param bodyText the body as plain text (for an HTML body, its text, used for search and as the alternative)
 * @param bodyHtml the body as safe HTML, already sanitised; {@code null} for a text body
 * @param applicationRef the citizen's application the message is about, if any
 * @param dueDate the date by which the citizen must act, if any
 * @param priority {@code normal} or {@code high}
 * @param registrationNumber the registration number given to the message on acceptance
 * @param attachments files that passed {@link AttachmentRules}
 * @param sentAt when the agency sent it (accepted by the portal)
 */
public record NewMessage(UUID id, UUID account, UUID agencyId, String agencyName, String category, String subject,
        String bodyText, @Nullable String bodyHtml, @Nullable String applicationRef, @Nullable LocalDate dueDate,
        String priority, String registrationNumber, List<AcceptedFile> attachments, Instant sentAt) {
}
