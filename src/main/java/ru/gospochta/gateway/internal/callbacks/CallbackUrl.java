package ru.gospochta.gateway.internal.callbacks;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import ru.gospochta.gateway.internal.RegistryRefused;

/**
 * Where a system wants its callbacks (GW-3): an absolute {@code https} address of a host on the
 * internet. The portal posts to it from inside its own network, so an address of that network
 * (private, loopback, link-local…) would let an agency make the portal call internal services:
 * IP literals of such ranges are refused here, and names are checked again at each send, once
 * resolved. Plain {@code http} and loopback are accepted only with
 * {@code gospochta.gateway.callbacks.allow-local}, for development and tests.
 */
public record CallbackUrl(URI uri) {

    public static final int MAX_LENGTH = 2000;
    static final String FIELD = "callbackUrl";

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    /** A last label of digits or hex is an IP in a form browsers accept ({@code 2130706433}, {@code 0x7f.1}), never a domain. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(.*\\.)?(0x[0-9a-f]*|[0-9]+)\\.?");

    public CallbackUrl {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL with a host: " + uri);
        }
    }

    /**
     * The address as an administrator typed it, spaces around it ignored.
     *
     * @throws RegistryRefused naming the first thing wrong with it
     */
    public static CallbackUrl parse(String typed, boolean allowLocal) {
        String text = typed.strip();
        if (text.isEmpty()) {
            throw refused("empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw refused("too-long");
        }
        URI uri;
        try {
            uri = asciiHost(new URI(text));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused("invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(uri.getScheme() == null ? "invalid" : "scheme");
        }
        String host = uri.getHost();
        if (uri.isOpaque() || host == null || host.isEmpty()) {
            throw refused("invalid");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("credentials");
        }
        if (uri.getRawFragment() != null) {
            throw refused("invalid");
        }
        // Non-ASCII in the path or query goes out percent-encoded, as every HTTP client would send it.
        uri = URI.create(uri.toASCIIString());
        if (uri.toString().length() > MAX_LENGTH) {
            throw refused("too-long");
        }
        boolean loopback = isLoopbackName(host) || isLoopback(literal(host));
        if (loopback && allowLocal) {
            return new CallbackUrl(uri);
        }
        if (!scheme.equals("https")) {
            throw refused("scheme");
        }
        if (loopback) {
            throw refused("private");
        }
        InetAddress address = literal(host);
        if (address == null && NUMERIC_LAST_LABEL.matcher(host).matches()) {
            throw refused("invalid");
        }
        // A name of one label («intranet») only resolves inside some network, never on the internet.
        if (address != null ? !isPublic(address) : !host.contains(".") || host.endsWith(".local")) {
            throw refused("private");
        }
        return new CallbackUrl(uri);
    }

    /**
     * A host in Cyrillic ({@code https://мвд.рф/…}, common for Russian agencies) is not a host to
     * {@link URI}, which then sees only an authority: it is turned into its ASCII (punycode) form.
     */
    private static URI asciiHost(URI uri) throws URISyntaxException {
        String authority = uri.getRawAuthority();
        if (uri.getHost() != null || authority == null || authority.contains("@") || authority.contains("%")) {
            return uri;
        }
        String host = authority;
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.substring(colon + 1).matches("[0-9]{1,5}")) {
            host = authority.substring(0, colon);
            port = authority.substring(colon);
        }
        String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return new URI(uri.getScheme() + "://" + ascii + port + uri.getRawPath() + query + fragment);
    }

    /** Whether the address is one the portal may post to: not of its own or any private network. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0                                       // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64.0.0/10
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0) // protocol assignments, 192.0.0.0/24
                    && !(first == 198 && (second == 18 || second == 19))     // benchmarking, 198.18.0.0/15
                    && first < 240;                                  // reserved and broadcast
        }
        // Unique local IPv6 addresses, fc00::/7: the IPv6 private networks.
        return (b[0] & 0xFE) != 0xFC;
    }

    /** Loopback by name is allowed with {@code allowLocal} like 127.0.0.1 is; without it, like it, refused. */
    static boolean isLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.");
    }

    static boolean isLoopback(@Nullable InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }

    /** The address a literal host names ({@code 10.0.0.1}, {@code [::1]}), or {@code null} for a name. */
    static @Nullable InetAddress literal(String host) {
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        if (!v6 && !(IPV4.matcher(host).matches() && Arrays.stream(host.split("\\.")).allMatch(o -> Integer.parseInt(o) < 256))) {
            return null;
        }
        try {
            // Only a well-formed literal gets here, so this parses it and looks nothing up; brackets included, so
            // InetAddress itself insists on an IPv6 literal.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static RegistryRefused refused(String problem) {
        return RegistryRefused.of(FIELD, "gateway.callback.url." + problem);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
