package dev.iotlocal.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A raw query string split into percent-decoded parameters, in the order received.
 *
 * <p>'+' is kept as a literal plus, not read as a space: SigV4 signers encode spaces as %20, and clients that
 * append a base64 session token without encoding it keep working.
 */
final class QueryString {

    record Parameter(String name, String value) {
    }

    private final List<Parameter> parameters;

    private QueryString(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** @param rawQuery as on the wire, without '?'; null or empty gives no parameters */
    static QueryString parse(String rawQuery) throws Refusal {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue; // "a=1&&b=2": nothing between the separators
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.add(new Parameter(decode(name), decode(value)));
            }
        }
        return new QueryString(parameters);
    }

    List<Parameter> all() {
        return parameters;
    }

    List<String> values(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(Parameter::value).toList();
    }

    List<Parameter> without(Set<String> names) {
        return parameters.stream().filter(p -> !names.contains(p.name())).toList();
    }

    private static String decode(String raw) throws Refusal {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (low < 0) {
                throw new Refusal(RefusalReason.MALFORMED_QUERY, "The query string has a '%' not followed by two "
                        + "hex digits in '" + raw + "'. Percent-encode query parameters as RFC 3986 says "
                        + "(a literal '%' is %25).");
            }
            out.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(RefusalReason.MALFORMED_QUERY, "The query parameter '" + raw
                    + "' does not decode to UTF-8 text. Encode parameters as UTF-8 before percent-encoding them.");
        }
    }
}
