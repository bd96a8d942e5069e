package dev.iotlocal.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Lambda function as deployed: its name, handler, limits, environment and deployment artifact.
 *
 * @param functionName the deployed name, e.g. {@code foobar-dev-session}
 * @param shortName    the key in serverless.yml, e.g. {@code session}; accepted wherever a name is
 * @param handler      {@code package.Class} or {@code package.Class::method}
 * @param artifact     the deployment jar; empty means "load from the emulator's own classpath" (quick tests)
 */
public record FunctionConfiguration(
        String functionName,
        String shortName,
        String handler,
        Duration timeout,
        int memorySizeMb,
        Map<String, String> environment,
        Optional<Path> artifact) {

    public FunctionConfiguration {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        artifact = Objects.requireNonNull(artifact, "artifact");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Function " + functionName + ": timeout must be positive, was " + timeout);
        }
        if (memorySizeMb < 128 || memorySizeMb > 10240) {
            throw new IllegalArgumentException("Function " + functionName
                    + ": memorySize must be between 128 and 10240 MB, was " + memorySizeMb);
        }
    }

    /** A function with serverless' defaults (6 s, 1024 MB), loaded from the classpath. */
    public static FunctionConfiguration of(String name, String handler) {
        return new FunctionConfiguration(name, name, handler, Duration.ofSeconds(6), 1024, Map.of(), Optional.empty());
    }

    public FunctionConfiguration withTimeout(Duration newTimeout) {
        return new FunctionConfiguration(functionName, shortName, handler, newTimeout, memorySizeMb, environment, artifact);
    }

    public FunctionConfiguration withEnvironment(Map<String, String> newEnvironment) {
        return new FunctionConfiguration(functionName, shortName, handler, timeout, memorySizeMb, newEnvironment, artifact);
    }
}
