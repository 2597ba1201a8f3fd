package ru.gospochta.notify.internal.push;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import ru.gospochta.platform.DataDirectory;
import ru.gospochta.platform.MailProperties;
import ru.gospochta.platform.StartupProblem;

/**
 * The server's identity towards push services (VAPID, RFC 8292): the P-256 key whose public half
 * browsers subscribe with, and the signed token that proves each message comes from its holder.
 */
@Component
class VapidKeys {

    private static final Logger log = LoggerFactory.getLogger(VapidKeys.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.US_ASCII));
    /** RFC 8292 allows at most 24 hours; half of it leaves room for a push service's clock running ahead. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /** A cached token is signed anew this long before it expires, so none leaves about to lapse. */
    private static final Duration TOKEN_RENEWAL = Duration.ofHours(1);

    private final ECPrivateKey privateKey;
    private final String publicKey;
    private final String subject;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expiresAt) {
    }

    VapidKeys(PushProperties properties, DataDirectory dataDirectory, MailProperties mail, Clock clock) {
        this.clock = clock;
        this.subject = properties.subject() == null || properties.subject().isBlank()
                ? "mailto:" + mail.fromAddress() : properties.subject().strip();
        Path configured = properties.vapidKeyFile();
        Path file = configured != null ? configured : dataDirectory.folder("keys").resolve("vapid.pem");
        try {
            this.privateKey = configured != null || Files.isRegularFile(file) ? VapidKeyFile.read(file) : generate(file);
            this.publicKey = BASE64URL.encodeToString(P256.uncompressed(P256.publicKeyOf(privateKey)));
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupProblem("The VAPID key in " + file + " cannot be read or written (" + e.getMessage() + ").",
                    "Check that this process may read and write the file and that it holds a P-256 private key in PKCS#8"
                            + " PEM form (gospochta.notify.push.vapid-key-file).", e);
        }
    }

    private static ECPrivateKey generate(Path file) throws IOException, GeneralSecurityException {
        ECPrivateKey key = VapidKeyFile.generate();
        VapidKeyFile.write(file, key);
        log.info("Generated the VAPID key for Web Push in {}; nodes of a cluster must share it"
                + " (gospochta.notify.push.vapid-key-file)", file);
        return key;
    }

    /** The public key browsers subscribe with ({@code applicationServerKey}): the uncompressed point, base64url. */
    String publicKey() {
        return publicKey;
    }

    /** The {@code Authorization} header for a message to this endpoint: {@code vapid t=<JWT>, k=<public key>}. */
    String authorization(URI endpoint) {
        String audience = origin(endpoint);
        Instant now = clock.instant();
        Token token = tokens.compute(audience, (aud, held) ->
                held != null && held.expiresAt().minus(TOKEN_RENEWAL).isAfter(now) ? held : sign(aud, now));
        return "vapid t=" + token.value() + ", k=" + publicKey;
    }

    private Token sign(String audience, Instant now) {
        Instant expires = now.plus(TOKEN_LIFETIME);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", expires.getEpochSecond());
        claims.put("sub", subject);
        String signingInput = HEADER + "." + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            // JWS wants the signature as r || s (RFC 7518), not the DER the plain algorithm gives.
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(privateKey);
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Token(signingInput + "." + BASE64URL.encodeToString(es256.sign()), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a VAPID token", e);
        }
    }

    /** The audience of a token: the push service's origin, with the port only when it is not the scheme's own. */
    static String origin(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean usual = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
    }
}
