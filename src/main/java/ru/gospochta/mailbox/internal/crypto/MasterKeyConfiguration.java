package ru.gospochta.mailbox.internal.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gospochta.mailbox.internal.MailboxProperties;
import ru.gospochta.platform.DataDirectory;

/** The keystore when one is configured, else the key generated in the data directory. */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

    static final String GENERATED_FILE = "mailbox-master.key";

    @Bean
    MasterKeys masterKeys(MailboxProperties properties, DataDirectory dataDirectory) {
        if (properties.masterKeyFile() != null && properties.masterKeyPassword() != null) {
            return KeystoreMasterKeys.open(properties.masterKeyFile(), properties.masterKeyPassword(),
                    properties.masterKeyAlias());
        }
        return GeneratedMasterKeys.open(dataDirectory.folder("keys").resolve(GENERATED_FILE));
    }
}
