package ru.gospochta.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Apache James jDKIM, a verifier that shares no code with the signer, answering the DNS query
 * for the public key with the one record the server tells administrators to publish.
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
}
