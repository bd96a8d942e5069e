package dev.iotlocal.apigateway;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CORS settings of one method, as serverless' {@code cors} of an {@code http} event gives them: they shape the
 * OPTIONS preflight serverless configures on the method's resource (a MOCK integration answering 200).
 *
 * @param origins          allowed origins; {@code *} for any, {@code https://*.example.com} style wildcards allowed
 * @param headers          {@code Access-Control-Allow-Headers}
 * @param allowCredentials adds {@code Access-Control-Allow-Credentials: true}
 * @param maxAgeSeconds    {@code Access-Control-Max-Age}, when set
 * @param cacheControl     {@code Cache-Control} of the preflight answer, when set
 */
public record Cors(List<String> origins, List<String> headers, boolean allowCredentials,
                   Optional<Integer> maxAgeSeconds, Optional<String> cacheControl) {

    /** The headers serverless allows for {@code cors: true}. */
    public static final List<String> DEFAULT_HEADERS = List.of("Content-Type", "X-Amz-Date", "Authorization",
            "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id");

    public Cors {
        origins = List.copyOf(origins);
        headers = List.copyOf(headers);
        Objects.requireNonNull(maxAgeSeconds, "maxAgeSeconds");
        Objects.requireNonNull(cacheControl, "cacheControl");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("CORS needs at least one origin ('*' for any).");
        }
    }

    /** What serverless' {@code cors: true} means: any origin, the default headers, no credentials. */
    public static Cors defaults() {
        return new Cors(List.of("*"), DEFAULT_HEADERS, false, Optional.empty(), Optional.empty());
    }
}
