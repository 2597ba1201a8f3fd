package ru.gospochta.identity.internal.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ru.gospochta.identity.PasswordPolicy;

@Configuration(proxyBeanMethods = false)
class IdentityBeans {

    /** One shared policy: building it loads the password dictionaries. */
    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }
}
