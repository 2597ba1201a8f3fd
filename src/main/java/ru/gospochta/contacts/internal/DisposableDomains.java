package ru.gospochta.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Domains of throw-away mailbox services, refused for contact addresses (CNT-1): a letter with a
 * confirmation code or a notice about a court summons must reach a mailbox the person keeps. Read
 * once from the list shipped with the application, which {@code scripts/update-disposable-domains.sh}
 * refreshes from its upstream.
 */
@Component
public class DisposableDomains {

    public static final String SHIPPED_LIST = "/contacts/disposable-domains.txt";

    private final Set<String> domains;

    /** The shipped list; what Spring creates, and what tests create without Spring. */
    public DisposableDomains() {
        this(readLines(SHIPPED_LIST));
    }

    private DisposableDomains(Collection<String> lines) {
        this.domains = lines.stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A list of the given domains only, for tests of code that depends on the list. */
    public static DisposableDomains of(String... domains) {
        return new DisposableDomains(List.of(domains));
    }

    /**
     * Whether the domain or any domain above it is listed: services hand out addresses at
     * subdomains too ({@code box.mailinator.com}). A bare top-level zone is never looked up, so a
     * stray entry cannot shut out a whole country.
     *
     * @param asciiDomain the domain in lower-case ASCII, as {@code EmailAddress.domain()} gives it
     */
    public boolean contains(String asciiDomain) {
        String candidate = asciiDomain.toLowerCase(Locale.ROOT);
        while (candidate.indexOf('.') > 0) {
            if (domains.contains(candidate)) {
                return true;
            }
            candidate = candidate.substring(candidate.indexOf('.') + 1);
        }
        return false;
    }

    public int size() {
        return domains.size();
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = DisposableDomains.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + resource, unreadable);
        }
    }
}
