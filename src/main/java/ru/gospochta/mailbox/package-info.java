/**
 * The citizen's official mailbox (MBX): messages delivered by agencies, kept encrypted at rest,
 * their folders, read and flag states, attachments, history and search. Its API is this package:
 * {@link ru.gospochta.mailbox.MailboxDelivery} for modules that deliver, the attachment rules every
 * module accepting files applies, and the events other modules follow.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "identity", "audit"})
package ru.gospochta.mailbox;
