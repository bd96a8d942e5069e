package dev.iotlocal.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decodes percent-escapes in a path segment; unlike form decoding, '+' stays '+'. */
final class PathDecoder {

    private PathDecoder() {
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
