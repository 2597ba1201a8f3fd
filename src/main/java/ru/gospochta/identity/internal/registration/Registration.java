package ru.gospochta.identity.internal.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.gospochta.audit.AuditEntry;
import ru.gospochta.audit.AuditLog;
import ru.gospochta.audit.AuditOutcome;
import ru.gospochta.identity.AccountState;
import ru.gospochta.identity.Address;
import ru.gospochta.identity.BirthDate;
import ru.gospochta.identity.Inn;
import ru.gospochta.identity.InvalidValue;
import ru.gospochta.identity.Passport;
import ru.gospochta.identity.PasswordPolicy;
import ru.gospochta.identity.PasswordViolation;
import ru.gospochta.identity.PersonName;
import ru.gospochta.identity.PersonalData;
import ru.gospochta.identity.PhoneNumber;
import ru.gospochta.identity.Snils;
import ru.gospochta.identity.internal.account.Account;
import ru.gospochta.identity.internal.account.Accounts;
import ru.gospochta.identity.internal.factors.OneTimeCode.Purpose;
import ru.gospochta.identity.internal.signin.SmsCodes;
import ru.gospochta.identity.internal.signin.Throttle;

/**
 * Registration (ACC-1, ACC-2): every field checked at once, the account created
 * «Зарегистрирована», the phone confirmed by an SMS code, which makes it «Активна».
 */
@Service
public class Registration {

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final SmsCodes codes;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Throttle throttle;
    private final Clock clock;

    public Registration(Accounts accounts, PasswordPolicy policy, PasswordEncoder passwords, SmsCodes codes,
            MessageSource messages, AuditLog audit, Throttle throttle, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.passwords = passwords;
        this.codes = codes;
        this.messages = messages;
        this.audit = audit;
        this.throttle = throttle;
        this.clock = clock;
    }

    static final String SNILS_TAKEN = "identity.register.snils-taken";

    /** Too many answers that a SNILS is taken came from this address: it waits. */
    public static final class Waiting extends RuntimeException {

        private final Duration retryAfter;

        Waiting(Duration retryAfter) {
            super("registration waits " + retryAfter);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The form did not pass: message codes by field, in the form's order. */
    public static final class Refused extends RuntimeException {

        private final Map<String, List<String>> errors;

        Refused(Map<String, List<String>> errors) {
            super("registration refused: " + errors.keySet());
            this.errors = errors;
        }

        public Map<String, List<String>> errors() {
            return errors;
        }
    }

    /** The account waiting for its phone to be confirmed, and where the code went. */
    public record Pending(UUID account, String phone, SmsCodes.Sent sent) {
    }

    /**
     * Checks one field alone, for the as-you-type hints; empty when it is fine. Only the rules of
     * the value itself: whether a SNILS is taken is told on submission, so the hint cannot be used
     * to look up who is registered.
     */
    public List<String> check(String field, RegistrationForm form) {
        return validate(form, false).errors().getOrDefault(field, List.of());
    }

    /**
     * Creates the account and sends the code. When the phone already has an account nothing is
     * created and that phone is told so by SMS, while the page goes on exactly as for a new one:
     * registration does not reveal which numbers have accounts.
     */
    @Transactional
    public Pending register(RegistrationForm form, @Nullable String sourceIp, Locale locale) {
        String subject = "register:" + sourceIp;
        throttle.waitFor(subject).ifPresent(wait -> {
            throw new Waiting(wait);
        });
        Validated valid = validate(form, true);
        if (!valid.errors().isEmpty()) {
            if (valid.errors().getOrDefault("snils", List.of()).contains(SNILS_TAKEN)) {
                // Each «СНИЛС уже зарегистрирован» answers who has an account: an address gets few of them.
                throttle.recordFailure(subject);
            }
            throw new Refused(valid.errors());
        }
        Instant now = clock.instant();
        String phone = valid.phone().e164();
        UUID id = UUID.randomUUID();
        if (accounts.phoneTaken(phone)) {
            SmsCodes.Sent sent = codes.sendNotice(phone, sourceIp,
                    messages.getMessage("identity.sms.registration-exists", null, locale));
            audit.record(AuditEntry.of("anonymous", "identity.register", "phone", AuditOutcome.DENIED)
                    .from(sourceIp == null ? "" : sourceIp).with("reason", "phone-taken"));
            return new Pending(id, phone, sent);
        }
        Account account = new Account(id, phone, valid.snils().digits(), valid.inn() == null ? null : valid.inn().digits(),
                valid.name().surname(), valid.name().name(), valid.name().patronymic(), valid.birthDate().date(),
                valid.passport().series(), valid.passport().number(), valid.address().text(), AccountState.REGISTERED,
                passwords.encode(RegistrationForm.text(form.password())), 1, now, false, Account.SecondFactorMethod.SMS,
                null, 0, true, now);
        try {
            accounts.insert(account, now);
        } catch (DuplicateKeyException raced) {
            // Another registration with this phone or SNILS committed between the check and now.
            throw new Refused(Map.of("snils", List.of(SNILS_TAKEN)));
        }
        audit.record(AuditEntry.of("citizen:" + id, "identity.register", "account:" + id, AuditOutcome.SUCCESS)
                .from(sourceIp == null ? "" : sourceIp));
        return new Pending(id, phone, codes.send(Purpose.REGISTRATION, phone, id, sourceIp, locale));
    }

    /** The phone's code: «Зарегистрирована» becomes «Активна». */
    @Transactional
    public Account confirmPhone(UUID accountId, String phone, String code, @Nullable String sourceIp) {
        codes.verify(Purpose.REGISTRATION, phone, code);
        accounts.changeState(accountId, AccountState.REGISTERED, AccountState.ACTIVE, clock.instant());
        audit.record(AuditEntry.of("citizen:" + accountId, "identity.phone-confirmed", "account:" + accountId,
                AuditOutcome.SUCCESS).from(sourceIp == null ? "" : sourceIp));
        return accounts.byId(accountId).orElseThrow();
    }

    public SmsCodes.Sent resend(UUID accountId, String phone, @Nullable String sourceIp, Locale locale) {
        return codes.send(Purpose.REGISTRATION, phone, accountId, sourceIp, locale);
    }

    private record Validated(Map<String, List<String>> errors, @Nullable PhoneNumber phone, @Nullable PersonName name,
            @Nullable BirthDate birthDate, @Nullable Passport passport, @Nullable Address address,
            @Nullable Snils snils, @Nullable Inn inn) {
    }

    private Validated validate(RegistrationForm form, boolean checkTaken) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        PhoneNumber phone = field(errors, "phone", () -> PhoneNumber.parse(RegistrationForm.text(form.phone())));
        PersonName name = field(errors, "name", () -> PersonName.parse(RegistrationForm.text(form.surname()),
                RegistrationForm.text(form.name()), blankToNull(form.patronymic())));
        BirthDate birthDate = field(errors, "birthDate", () -> BirthDate.parse(RegistrationForm.text(form.birthDate()), clock));
        Passport passport = field(errors, "passport", () -> Passport.parse(RegistrationForm.text(form.passport())));
        Address address = field(errors, "address", () -> Address.parse(RegistrationForm.text(form.address())));
        Snils snils = field(errors, "snils", () -> Snils.parse(RegistrationForm.text(form.snils())));
        Inn inn = blankToNull(form.inn()) == null ? null : field(errors, "inn", () -> Inn.parse(RegistrationForm.text(form.inn())));
        if (checkTaken && snils != null && accounts.snilsTaken(snils.digits())) {
            errors.computeIfAbsent("snils", k -> new ArrayList<>()).add(SNILS_TAKEN);
        }
        String password = RegistrationForm.text(form.password());
        List<String> passwordErrors = new ArrayList<>();
        for (PasswordViolation violation : policy.check(password, new PersonalData(name, birthDate, phone, snils))) {
            passwordErrors.add(violation.code());
        }
        if (!passwordErrors.isEmpty()) {
            errors.put("password", passwordErrors);
        }
        if (!password.equals(RegistrationForm.text(form.passwordRepeat()))) {
            errors.put("passwordRepeat", List.of("identity.register.passwords-differ"));
        }
        if (!form.agreed()) {
            errors.put("agreement", List.of("identity.register.agreement-required"));
        }
        return new Validated(errors, phone, name, birthDate, passport, address, snils, inn);
    }

    /** Parses one value; a refusal is filed under the form field it names (surname, name …) or under {@code key}. */
    private static <T> @Nullable T field(Map<String, List<String>> errors, String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValue invalid) {
            String field = key.equals("name") ? invalid.field() : key;
            errors.computeIfAbsent(field, k -> new ArrayList<>()).add(invalid.code());
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
