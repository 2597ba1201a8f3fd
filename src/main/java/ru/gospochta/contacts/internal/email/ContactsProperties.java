package ru.gospochta.contacts.internal.email;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the contacts module.
 *
 * @param unconfirmedAfter how long an added address may stay unconfirmed before delivery to it is
 *        suspended (CNT-6)
 * @param actualityCron when the daily actuality check runs, read by its {@code @Scheduled}
 * @param actualityZone the time zone of {@code actualityCron}: the portal keeps Moscow time
 */
@Validated
@ConfigurationProperties("gospochta.contacts")
public record ContactsProperties(
        @DefaultValue("30d") @NotNull Duration unconfirmedAfter,
        @DefaultValue(EmailActuality.DEFAULT_CRON) @NotBlank String actualityCron,
        @DefaultValue(EmailActuality.DEFAULT_ZONE) @NotNull ZoneId actualityZone) {

    public ContactsProperties {
        if (unconfirmedAfter.isNegative() || unconfirmedAfter.isZero()) {
            throw new IllegalArgumentException("gospochta.contacts.unconfirmed-after must be positive");
        }
        if (!CronExpression.isValidExpression(actualityCron)) {
            throw new IllegalArgumentException("gospochta.contacts.actuality-cron is not a cron expression: " + actualityCron);
        }
    }
}
