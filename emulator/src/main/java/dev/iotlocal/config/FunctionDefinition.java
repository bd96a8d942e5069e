package dev.iotlocal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of {@code functions:}. {@code deployedName} is what Lambda calls it ({@code <service>-<stage>-<key>}
 * unless the function sets {@code name:}); {@code environment} is provider's merged with the function's;
 * {@code artifact} is absolute and may not exist yet. {@code reservedConcurrency} and {@code maximumRetryAttempts}
 * are the function's keys of those names, empty when not set.
 */
public record FunctionDefinition(
        String key,
        String deployedName,
        String handler,
        Duration timeout,
        int memorySizeMb,
        Map<String, String> environment,
        Optional<Path> artifact,
        List<HttpEventDefinition> httpEvents,
        SourceLocation location,
        OptionalInt reservedConcurrency,
        OptionalInt maximumRetryAttempts) {

    public FunctionDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deployedName, "deployedName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(location, "location");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Limits.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be 1 to 900 seconds, got " + timeout);
        }
        if (memorySizeMb < Limits.MIN_MEMORY_MB || memorySizeMb > Limits.MAX_MEMORY_MB) {
            throw new IllegalArgumentException("memorySizeMb must be 128 to 10240, got " + memorySizeMb);
        }
        environment = Map.copyOf(environment);
        httpEvents = List.copyOf(httpEvents);
        Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
        Objects.requireNonNull(maximumRetryAttempts, "maximumRetryAttempts");
    }

    /** A function without reserved concurrency or retry settings. */
    public FunctionDefinition(String key, String deployedName, String handler, Duration timeout, int memorySizeMb,
                              Map<String, String> environment, Optional<Path> artifact,
                              List<HttpEventDefinition> httpEvents, SourceLocation location) {
        this(key, deployedName, handler, timeout, memorySizeMb, environment, artifact, httpEvents, location,
                OptionalInt.empty(), OptionalInt.empty());
    }
}
