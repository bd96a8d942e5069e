package dev.iotlocal.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code http} event (API Gateway REST API, Lambda proxy integration). {@code method} is upper case
 * ({@code ANY} kept as it is); {@code path} starts with '/' and has no trailing '/' except the root "/".
 */
public record HttpEventDefinition(String method, String path, Optional<CorsDefinition> cors, SourceLocation location) {

    public HttpEventDefinition {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(location, "location");
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("path must be normalised (leading '/', no trailing '/'), got " + path);
        }
        if (!method.equals(method.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("method must be upper case, got " + method);
        }
    }
}
