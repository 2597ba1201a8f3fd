package ru.gospochta.identity;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of signing in and of SMS codes (ACC-7). The defaults are the product's rules;
 * an operator behind a carrier-grade NAT, where thousands of citizens share one address, may
 * need to raise the per-address SMS limits.
 */
@Validated
@ConfigurationProperties("gospochta.identity")
public record IdentityProperties(@DefaultValue @Valid Sms sms, @DefaultValue @Valid SignIn signIn) {

    /**
     * @param codeLifetime how long an SMS code is valid
     * @param codeTries wrong tries a code allows
     * @param interval the least time between two SMS to one phone, or from one address
     * @param perDay SMS to one phone, or from one address, within 24 hours
     */
    public record Sms(
            @DefaultValue("5m") @NotNull Duration codeLifetime,
            @DefaultValue("5") @Min(1) @Max(10) int codeTries,
            @DefaultValue("60s") @NotNull Duration interval,
            @DefaultValue("10") @Min(1) int perDay,
            @DefaultValue("10") @Min(1) int perAddressPerDay) {
    }

    /**
     * @param failuresBeforeWait wrong passwords or codes before a wait
     * @param firstWait the first wait
     * @param repeatedWait every later wait until a success
     * @param sessionLifetime the longest a session lives, however active
     */
    public record SignIn(
            @DefaultValue("5") @Min(1) int failuresBeforeWait,
            @DefaultValue("15m") @NotNull Duration firstWait,
            @DefaultValue("60m") @NotNull Duration repeatedWait,
            @DefaultValue("12h") @NotNull Duration sessionLifetime) {
    }
}
