package dev.iotlocal.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CORS of an {@code http} event. {@code cors: true} gives {@link #defaults()}; an object keeps what it sets
 * and takes the serverless defaults for the rest (origin {@code *}, the headers below, no credentials).
 */
public record CorsDefinition(
        List<String> origins,
        List<String> headers,
        boolean allowCredentials,
        Optional<Integer> maxAgeSeconds,
        Optional<String> cacheControl) {

    /** The headers serverless allows when {@code cors: true} or when the object has no {@code headers}. */
    public static final List<String> DEFAULT_HEADERS = List.of(
            "Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key",
            "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id");

    public CorsDefinition {
        origins = List.copyOf(origins);
        headers = List.copyOf(headers);
        Objects.requireNonNull(maxAgeSeconds, "maxAgeSeconds");
        Objects.requireNonNull(cacheControl, "cacheControl");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("origins must not be empty");
        }
    }

    /** What {@code cors: true} means: any origin, the default headers, no credentials. */
    public static CorsDefinition defaults() {
        return new CorsDefinition(List.of("*"), DEFAULT_HEADERS, false, Optional.empty(), Optional.empty());
    }
}
