package ru.gospochta.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Verifiers that share no code with the signer, answering the DNS query for the public key with
 * the records the server tells administrators to publish: Apache James jDKIM (rsa-sha256 only),
 * and dkimpy — the reference implementation of RFC 8463, Debian's {@code python3-dkim} with
 * {@code python3-nacl} — for ed25519-sha256.
 */
public final class IndependentDkimVerifier {

    private IndependentDkimVerifier() {
    }

    /**
     * @return the verified signatures
     * @throws FailException when the letter carries no valid signature
     */
    public static List<SignatureRecord> verify(byte[] letter, String recordName, String recordValue)
            throws IOException, FailException {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!(selector + "._domainkey." + domain).equalsIgnoreCase(recordName)) {
                throw new PermFailException("no DNS record " + selector + "._domainkey." + domain);
            }
            return List.of(recordValue);
        });
        List<SignatureRecord> verified = verifier.verify(new ByteArrayInputStream(letter));
        if (verified == null || verified.isEmpty()) {
            throw new PermFailException("the letter carries no DKIM signature");
        }
        return verified;
    }

    /** Debian's interpreter, where {@code python3-dkim} installs; another Python on the path would not see it. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String DKIMPY = """
            import sys, dkim
            records = dict(zip(sys.argv[1::2], sys.argv[2::2]))
            def dns(name, timeout=5):
                value = records.get(name.decode().rstrip('.').lower())
                return value.encode() if value else None
            letter = sys.stdin.buffer.read()
            d = dkim.DKIM(letter)
            count = sum(1 for n, v in d.headers if n.lower() == b'dkim-signature')
            print(' '.join('pass' if d.verify(idx=i, dnsfunc=dns) else 'fail' for i in range(count)))
            """;

    /** Whether dkimpy can run here ({@code apt-get install python3-dkim python3-nacl}). */
    public static boolean dkimpyAvailable() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim, nacl").redirectErrorStream(true).start();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Verifies every DKIM-Signature of the letter with dkimpy.
     *
     * @param records DNS name to TXT value, e.g. {@code gp1._domainkey.example.ru → v=DKIM1; k=rsa; p=…}
     * @return "pass" or "fail" for each signature, topmost first
     */
    public static List<String> dkimpy(byte[] letter, Map<String, String> records) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", DKIMPY));
        records.forEach((name, value) -> {
            command.add(name.toLowerCase());
            command.add(value);
        });
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(letter);
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IllegalStateException("dkimpy failed: " + output);
        }
        return output.isEmpty() ? List.of() : Arrays.asList(output.split(" "));
    }
}
