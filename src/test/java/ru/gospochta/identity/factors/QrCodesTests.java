package ru.gospochta.identity.factors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.gospochta.identity.internal.factors.QrCodes;

class QrCodesTests {

    static final String URI = "otpauth://totp/%D0%93%D0%BE%D1%81%D0%BF%D0%BE%D1%87%D1%82%D0%B0:ivan%40example.ru"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%D0%93%D0%BE%D1%81%D0%BF%D0%BE%D1%87%D1%82%D0%B0"
            + "&algorithm=SHA1&digits=6&period=30";
    static final Pattern SQUARE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    final QrCodes qrCodes = new QrCodes();

    @Test
    @DisplayName("ACC-3: every dark module of the QR code, at error correction M, is one unit square inside a quiet zone of 4")
    void drawsEveryModule() throws Exception {
        ByteMatrix expected = Encoder.encode(URI, ErrorCorrectionLevel.M).getMatrix();
        Set<String> dark = new HashSet<>();
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.get(x, y) == 1) {
                    dark.add((x + 4) + "," + (y + 4));
                }
            }
        }

        String svg = qrCodes.svg(URI, "QR-код для приложения");

        Set<String> drawn = new HashSet<>();
        Matcher square = SQUARE.matcher(svg);
        int squares = 0;
        while (square.find()) {
            drawn.add(square.group(1) + "," + square.group(2));
            squares++;
        }
        assertThat(squares).isEqualTo(dark.size());
        assertThat(drawn).isEqualTo(dark);
        int size = expected.getWidth() + 8;
        assertThat(svg).contains("viewBox=\"0 0 " + size + " " + size + "\"");
        assertThat(qrCodes.modules(URI).getWidth()).isEqualTo(size);
    }

    @Test
    @DisplayName("ACC-3: the SVG is one crisp black path on white with a title, and nothing a CSP would block")
    void drawsPlainAccessibleSvg() {
        String svg = qrCodes.svg(URI, "QR-код <для> «приложения» & \"ключа\"");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .contains("shape-rendering=\"crispEdges\"")
                .contains("<title>QR-код &lt;для&gt; «приложения» &amp; &quot;ключа&quot;</title>")
                .contains("fill=\"#ffffff\"").contains("<path fill=\"#000000\" d=\"M");
        assertThat(svg.split("<path", -1)).hasSize(2);
        assertThat(svg.toLowerCase()).doesNotContain("<script").doesNotContain("style").doesNotContain("href")
                .doesNotContainPattern("\\son[a-z]+\\s*=");
    }

    @Test
    @DisplayName("ACC-3: the data URI carries the same SVG in base64 for an <img> tag")
    void encodesDataUri() {
        String dataUri = qrCodes.dataUri(URI, "QR-код");

        assertThat(dataUri).startsWith("data:image/svg+xml;base64,");
        String decoded = new String(Base64.getDecoder().decode(dataUri.substring("data:image/svg+xml;base64,".length())),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(qrCodes.svg(URI, "QR-код"));
    }

    @Test
    @DisplayName("Text outside ASCII is encoded as UTF-8 rather than mangled")
    void encodesCyrillicText() throws Exception {
        String text = "Госпочта";
        ByteMatrix expected = Encoder.encode(text, ErrorCorrectionLevel.M,
                Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();

        assertThat(qrCodes.modules(text).getWidth()).isEqualTo(expected.getWidth() + 8);
        int dark = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                dark += expected.get(x, y) == 1 ? 1 : 0;
            }
        }
        assertThat(SQUARE.matcher(qrCodes.svg(text, "t")).results().count()).isEqualTo(dark);
    }
}
