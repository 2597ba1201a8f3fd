package ru.gospochta.platform;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

/**
 * One address's mailbox in the mail catcher, read over IMAP as a citizen's mail client would. The
 * catcher takes any password; the letters returned are copies that hold their bytes, so they stay
 * readable after the connection is closed.
 */
public final class CaughtMailbox {

    private CaughtMailbox() {
    }

    /** Every letter to the address, oldest first. */
    public static MimeMessage[] letters(int imapPort, String address) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] all = inbox.getMessages();
            MimeMessage[] copies = new MimeMessage[all.length];
            for (int i = 0; i < all.length; i++) {
                copies[i] = new MimeMessage((MimeMessage) all[i]);
            }
            return copies;
        } finally {
            store.close();
        }
    }

    /** How many letters the address has. */
    public static int count(int imapPort, String address) throws Exception {
        return letters(imapPort, address).length;
    }

    /** The newest letter to the address. */
    public static MimeMessage last(int imapPort, String address) throws Exception {
        MimeMessage[] all = letters(imapPort, address);
        if (all.length == 0) {
            throw new AssertionError("no letter to " + address);
        }
        return all[all.length - 1];
    }
}
