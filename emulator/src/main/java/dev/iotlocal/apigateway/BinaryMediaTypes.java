package dev.iotlocal.apigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API's binary media types and how API Gateway matches them: a request body whose Content-Type matches is
 * base64-encoded into the event; a response with {@code isBase64Encoded} is decoded only when the request's first
 * Accept media type matches. {@code *} stands for any type or subtype; parameters ({@code ; charset=...}) and case
 * do not matter.
 */
final class BinaryMediaTypes {

    private final List<String[]> patterns;

    private BinaryMediaTypes(List<String[]> patterns) {
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException naming an entry that is not {@code type/subtype} */
    static BinaryMediaTypes of(List<String> types) {
        List<String[]> patterns = new ArrayList<>();
        for (String type : types) {
            String[] parts = split(type);
            if (parts == null) {
                throw new IllegalArgumentException("Binary media type '" + type + "' is not of the form type/subtype,"
                        + " e.g. image/png, image/* or */*.");
            }
            patterns.add(parts);
        }
        return new BinaryMediaTypes(List.copyOf(patterns));
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether a Content-Type (or an Accept media range, taken literally) is binary for this API. */
    boolean matches(String mediaType) {
        String[] subject = mediaType == null ? null : split(mediaType);
        if (subject == null) {
            return false;
        }
        for (String[] pattern : patterns) {
            if (part(pattern[0], subject[0]) && part(pattern[1], subject[1])) {
                return true;
            }
        }
        return false;
    }

    /** The first media range of an Accept header value: API Gateway looks at that one only. */
    static String firstAccepted(String accept) {
        if (accept == null) {
            return null;
        }
        int comma = accept.indexOf(',');
        return (comma < 0 ? accept : accept.substring(0, comma)).strip();
    }

    private static boolean part(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static String[] split(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        int slash = bare.indexOf('/');
        if (slash <= 0 || slash == bare.length() - 1 || bare.indexOf('/', slash + 1) >= 0
                || bare.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return new String[] {bare.substring(0, slash), bare.substring(slash + 1)};
    }
}
