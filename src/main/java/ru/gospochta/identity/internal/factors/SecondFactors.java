package ru.gospochta.identity.internal.factors;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.gospochta.platform.ServerKeys;

/** The second-factor services with their server keys, one instance each for the whole node. */
@Configuration(proxyBeanMethods = false)
class SecondFactors {

    @Bean
    Totp totp(ObjectProvider<Clock> clock) {
        return new Totp(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    QrCodes qrCodes() {
        return new QrCodes();
    }

    @Bean
    BackupCodes backupCodes(PasswordEncoder passwords) {
        return new BackupCodes(passwords);
    }

    @Bean
    TrustedDeviceToken trustedDeviceToken(ServerKeys keys) {
        return new TrustedDeviceToken(keys.key("trusted-device"));
    }

    @Bean
    OneTimeCode oneTimeCode(ServerKeys keys) {
        return new OneTimeCode(keys.key("one-time-code"));
    }
}
