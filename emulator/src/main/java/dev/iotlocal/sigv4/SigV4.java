package dev.iotlocal.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SigV4 maths, shared by the presigned-URL and the Authorization-header checks. Stateless. */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** X-Amz-Date, e.g. 20150830T123600Z. STRICT with 'uuuu' rejects 20150230T... instead of rounding it. */
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[ \\t\\r\\n]+");

    private SigV4() {
    }

    /** What a signature covers, kept so a refusal can show what the client should have signed. */
    record Canonical(String canonicalRequest, String stringToSign) {
    }

    /** The canonical request and string to sign for a request, given its signing parameters. */
    static Canonical canonical(SignedRequest request, SigningParameters.Checked signed, String canonicalQuery,
                               String payloadHash) {
        String canonicalRequest = canonicalRequest(request.method(), canonicalUri(request.rawPath()), canonicalQuery,
                canonicalHeaders(signed.signedHeaderNames(), request.headers()), signed.signedHeaders(), payloadHash);
        return new Canonical(canonicalRequest, stringToSign(signed.amzDate(), signed.scope().scope(),
                canonicalRequest));
    }

    /**
     * Canonical URI for every service but S3: dot segments and empty segments removed (as the AWS SDKs'
     * NORMALIZE_PATH does), then each byte of the path as received percent-encoded. The path on the wire is
     * already encoded once, so this is the "double encoding" non-S3 services expect ({@code %2F} becomes
     * {@code %252F}).
     */
    static String canonicalUri(String rawPath) {
        return encode(normalizePath(rawPath), true);
    }

    static String normalizePath(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String path = "/" + String.join("/", segments);
        // Keep a trailing slash only when the client wrote one (the SDKs trim the one normalisation leaves).
        return !segments.isEmpty() && rawPath.endsWith("/") ? path + "/" : path;
    }

    /** Parameters sorted by encoded name then encoded value, joined as {@code name=value&...}. */
    static String canonicalQuery(List<QueryString.Parameter> parameters) {
        return parameters.stream()
                .map(p -> new String[] {encode(p.name(), false), encode(p.value(), false)})
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .map(p -> p[0] + "=" + p[1])
                .collect(Collectors.joining("&"));
    }

    /** {@code name:value\n} for each signed header, in the order of {@code signedHeaders} (already sorted). */
    static String canonicalHeaders(List<String> signedHeaders, Map<String, List<String>> headers) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            out.append(name).append(':').append(canonicalHeaderValue(headers.get(name))).append('\n');
        }
        return out.toString();
    }

    /** Each value trimmed, runs of whitespace (folded lines too) made one space, values joined by commas. */
    static String canonicalHeaderValue(List<String> values) {
        return values.stream()
                .map(v -> WHITESPACE_RUN.matcher(v.strip()).replaceAll(" "))
                .collect(Collectors.joining(","));
    }

    static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                   String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    static String signature(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    /** Constant time, so the comparison does not tell how many leading characters were right. */
    static boolean sameText(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** RFC 3986 encoding of the UTF-8 bytes: unreserved characters stay, the rest become %XX (upper case). */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
