package ru.gospochta.identity.internal.factors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes as SVG for TOTP enrolment (ACC-3). The SVG holds only geometry and presentation
 * attributes — no script, no style — so the page can show it as a {@code data:} image under a
 * Content-Security-Policy that allows neither inline script nor inline style.
 */
public final class QrCodes {

    /** The quiet zone ISO/IEC 18004 asks for; phone cameras misread codes without it. */
    public static final int QUIET_ZONE = 4;
    private static final int PIXELS_PER_MODULE = 4;

    /** The modules of the code, the quiet zone included, one matrix cell per module. */
    public BitMatrix modules(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        // Non-ASCII text is marked as UTF-8 (an ECI segment); ASCII, such as an otpauth URI, goes
        // without the marker, which some older readers stumble over.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code", e);
        }
    }

    /**
     * @param title what a screen reader announces when the SVG is placed inline; an {@code <img>}
     *              needs its own {@code alt}
     */
    public String svg(String text, String title) {
        BitMatrix modules = modules(text);
        int width = modules.getWidth();
        int height = modules.getHeight();
        StringBuilder path = new StringBuilder(width * height * 8);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (modules.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " width=\"" + width * PIXELS_PER_MODULE + "\" height=\"" + height * PIXELS_PER_MODULE + "\""
                + " viewBox=\"0 0 " + width + " " + height + "\" shape-rendering=\"crispEdges\">"
                + "<title>" + escapeXml(title) + "</title>"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"" + path + "\"/>"
                + "</svg>";
    }

    /** For {@code <img src="…">}: the page's CSP allows images from {@code data:}. */
    public String dataUri(String text, String title) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(text, title).getBytes(StandardCharsets.UTF_8));
    }

    private static String escapeXml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
