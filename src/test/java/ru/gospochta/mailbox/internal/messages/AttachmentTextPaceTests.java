package ru.gospochta.mailbox.internal.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ru.gospochta.IntegrationTest;

@IntegrationTest
class AttachmentTextPaceTests {

    @Autowired AttachmentText attachmentText;

    @Test
    @DisplayName("MBX-2: the running indexer of attachments' text gives way from 80% of the host's CPU and then works a tenth of its time")
    void configuredPace() {
        assertThat(attachmentText.pace().busyLoad()).isEqualTo(0.8);
        assertThat(attachmentText.pace().busyShare()).isEqualTo(0.1);
        // The host's load is read for real: a number from 0 to 1 on this machine, not a placeholder.
        assertThat(attachmentText.pace().hostLoad().getAsDouble()).isBetween(-1.0, 1.0);
    }
}
