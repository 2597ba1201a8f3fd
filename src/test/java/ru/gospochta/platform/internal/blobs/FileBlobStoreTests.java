package ru.gospochta.platform.internal.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.gospochta.platform.DataDirectory;

@DisplayName("APL-2: the default blob store keeps files in the data directory")
class FileBlobStoreTests {

    @TempDir Path folder;

    @Test
    @DisplayName("APL-2: put, get, replace and delete by key; files are the owner's only and no temporary file is left")
    void putGetDelete() throws Exception {
        try (DataDirectory data = DataDirectory.open(folder.resolve("data"))) {
            FileBlobStore store = new FileBlobStore(data);

            store.put("mailbox/ab/abcdef", new byte[] {1, 2, 3});
            store.put("mailbox/ab/abcdef", new byte[] {4, 5});

            assertThat(store.get("mailbox/ab/abcdef")).hasValueSatisfying(b -> assertThat(b).containsExactly(4, 5));
            Path file = data.root().resolve("blobs/mailbox/ab/abcdef");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files).containsExactly(file);
            }
            store.delete("mailbox/ab/abcdef");
            store.delete("mailbox/ab/abcdef");
            assertThat(store.get("mailbox/ab/abcdef")).isEmpty();
        }
    }

    @Test
    @DisplayName("APL-2: a key cannot climb out of the blob folder or name a hidden file")
    void keysStayInside() throws Exception {
        try (DataDirectory data = DataDirectory.open(folder.resolve("data"))) {
            FileBlobStore store = new FileBlobStore(data);
            for (String key : new String[] {"../escape", "a/../../b", "/absolute", ".hidden", "a//b", "A/Upper", ""}) {
                assertThatThrownBy(() -> store.put(key, new byte[1])).as(key).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
