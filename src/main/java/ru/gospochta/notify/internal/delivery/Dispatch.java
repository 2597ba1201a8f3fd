package ru.gospochta.notify.internal.delivery;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ru.gospochta.notify.Channel;

/**
 * One notification as a provider receives it: who, which channel, and the words, already written
 * from the template in the citizen's format.
 *
 * @param reference ties what leaves back to the notification and its attempt (the e-mail's Message-ID)
 * @param shortText the text of an SMS or a push
 * @param link where in the cabinet the notice is about
 * @param headers extra letter headers, e.g. List-Unsubscribe on notices that are not mandatory
 */
public record Dispatch(UUID notificationId, UUID account, Channel channel, String reference, String subject, String text,
        @Nullable String html, String shortText, String link, Map<String, String> headers) {
}
