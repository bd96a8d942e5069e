package foobar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the signature of a presigned AWS IoT URL from the written rules, sharing no code with the SDK:
 * canonical request = GET, path, the query without X-Amz-Signature and X-Amz-Security-Token sorted by name
 * and RFC 3986 encoded, "host:<host>\n", "host", SHA-256 of the empty payload. HMAC-SHA256 is RFC 2104 over
 * MessageDigest, so not even javax.crypto.Mac is shared.
 */
final class SigV4Check {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private SigV4Check() {
    }

    static String expectedSignature(String url, String hostHeader, String secretKey, String payloadHash) {
        String afterScheme = url.substring(url.indexOf("://") + 3);
        String pathAndQuery = afterScheme.substring(afterScheme.indexOf('/'));
        String path = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        Map<String, String> params = queryParams(url);

        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature") && !name.equals("X-Amz-Security-Token")) {
                pairs.add(rfc3986(name) + "=" + rfc3986(value));
            }
        });
        pairs.sort(null); // names are unique here, so sorting the pairs sorts by name
        String canonicalRequest = "GET\n" + path + "\n" + String.join("&", pairs) + "\n"
                + "host:" + hostHeader + "\n\n" + "host\n" + payloadHash;

        String date = params.get("X-Amz-Date");
        String credential = params.get("X-Amz-Credential");
        String scope = credential.substring(credential.indexOf('/') + 1);
        String[] parts = scope.split("/"); // date, region, service, aws4_request
        String stringToSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex(sha256(utf8(canonicalRequest)));

        byte[] key = hmacSha256(utf8("AWS4" + secretKey), utf8(parts[0]));
        key = hmacSha256(key, utf8(parts[1]));
        key = hmacSha256(key, utf8(parts[2]));
        key = hmacSha256(key, utf8(parts[3]));
        return hex(hmacSha256(key, utf8(stringToSign)));
    }

    /** Query parameters in URL order, percent-decoded ('+' is not a space in these URLs). */
    static Map<String, String> queryParams(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1)));
        }
        return params;
    }

    /** RFC 3986: unreserved characters stay, every other UTF-8 byte becomes %XX (upper-case hex). */
    static String rfc3986(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(text)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)) with a 64-byte block. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        byte[] block = new byte[64];
        byte[] k = key.length > 64 ? sha256(key) : key;
        System.arraycopy(k, 0, block, 0, k.length);
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + 32];
        for (int i = 0; i < 64; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        System.arraycopy(sha256(inner), 0, outer, 64, 32);
        return sha256(outer);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
