package dev.iotlocal.sigv4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, before any decoding: what a SigV4 signature is checked against.
 *
 * @param method   the HTTP method, e.g. {@code GET}
 * @param rawPath  the path as on the wire, still percent-encoded (e.g. {@code /topics/a%2Fb})
 * @param rawQuery the query as on the wire without the {@code ?}, still percent-encoded; {@code null} when absent
 * @param headers  every header with all its values in the order received; look-up ignores the name's case
 * @param body     the body bytes; {@code null} means empty
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = caseInsensitiveCopy(headers);
        body = body == null || body.length == 0 ? EMPTY : body.clone();
    }

    /** A copy: the request stays immutable. */
    @Override
    public byte[] body() {
        return body.length == 0 ? EMPTY : body.clone();
    }

    /** All values of a header in the order received, empty when absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    int bodyLength() {
        return body.length;
    }

    /** Hash of the body without copying it. */
    String bodySha256Hex() {
        return SigV4.sha256Hex(body);
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            // Names that differ only in case are one header: their values are merged in iteration order.
            headers.forEach((name, values) -> {
                Objects.requireNonNull(name, "header name");
                copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values == null ? List.of() : values);
            });
            copy.replaceAll((name, values) -> List.copyOf(values));
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedRequest other && method.equals(other.method) && rawPath.equals(other.rawPath)
                && Objects.equals(rawQuery, other.rawQuery) && headers.equals(other.headers)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
    }

    /** Header names only: values may hold a session token. */
    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + rawPath + (rawQuery == null ? "" : "?…") + ", headers="
                + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
