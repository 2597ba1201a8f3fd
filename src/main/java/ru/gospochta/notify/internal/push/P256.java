package ru.gospochta.notify.internal.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The NIST P-256 curve as Web Push uses it: public keys travel as 65-byte uncompressed points
 * ({@code 0x04 || x || y}). The JDK signs and agrees keys; Bouncy Castle's curve arithmetic checks
 * that a point a browser sent lies on the curve and derives a public key from a private one.
 */
final class P256 {

    static final int POINT_BYTES = 65;
    private static final int COORDINATE_BYTES = 32;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECParameterSpec PARAMETERS = jdkParameters();

    private P256() {
    }

    /** The browser's key from its 65 bytes; refused unless it is a point of the curve. */
    static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != POINT_BYTES || uncompressed[0] != 0x04) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        org.bouncycastle.math.ec.ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(uncompressed);
        } catch (IllegalArgumentException notOnCurve) {
            throw new GeneralSecurityException("not a point of P-256", notOnCurve);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new GeneralSecurityException("not a point of P-256");
        }
        return jdkKey(point.normalize());
    }

    /** The public half of a private key: the base point multiplied by the private scalar. */
    static ECPublicKey publicKeyOf(ECPrivateKey key) throws GeneralSecurityException {
        return jdkKey(CURVE.getG().multiply(key.getS()).normalize());
    }

    static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[POINT_BYTES];
        out[0] = 0x04;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 1 + COORDINATE_BYTES);
        return out;
    }

    static KeyPairGenerator generator() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator;
    }

    /** True for a key on P-256, whatever provider made it. */
    static boolean isP256(ECPrivateKey key) {
        return key.getParams().getCurve().equals(PARAMETERS.getCurve())
                && key.getParams().getGenerator().equals(PARAMETERS.getGenerator());
    }

    private static ECPublicKey jdkKey(org.bouncycastle.math.ec.ECPoint point) throws GeneralSecurityException {
        ECPoint w = new ECPoint(point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, PARAMETERS));
    }

    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int from = Math.max(0, bytes.length - COORDINATE_BYTES);
        int length = bytes.length - from;
        Arrays.fill(out, offset, offset + COORDINATE_BYTES - length, (byte) 0);
        System.arraycopy(bytes, from, out, offset + COORDINATE_BYTES - length, length);
    }

    private static ECParameterSpec jdkParameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no P-256", e);
        }
    }
}
