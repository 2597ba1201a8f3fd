package ru.gospochta.mailbox.internal.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import ru.gospochta.mailbox.internal.messages.Folder;

/** A folder's name as the citizen reads it: their own name, or the system folder's in the page's language. */
@Component
class FolderNames {

    private final MessageSource messages;

    FolderNames(MessageSource messages) {
        this.messages = messages;
    }

    String of(Folder folder, Locale locale) {
        return folder.own() ? folder.name() : messages.getMessage("mailbox.folder." + folder.kind(), null, locale);
    }
}
