package dev.iotlocal.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Lambda function as deployed: its name, handler, limits, environment and deployment artifact.
 *
 * @param functionName the deployed name, e.g. {@code foobar-dev-session}
 * @param shortName    the key in serverless.yml, e.g. {@code session}; accepted wherever a name is
 * @param handler      {@code package.Class} or {@code package.Class::method}
 * @param artifact     the deployment jar; empty means "load from the emulator's own classpath" (quick tests)
 * @param reservedConcurrency  the function's reserved concurrency (serverless.yml {@code reservedConcurrency}): at
 *                             most this many run at once, taken out of the account's limit; empty: none reserved
 * @param maximumRetryAttempts retries of a failed asynchronous invocation, 0 to 2 (serverless.yml
 *                             {@code maximumRetryAttempts}); empty: the emulator's setting (AWS: 2)
 */
public record FunctionConfiguration(
        String functionName,
        String shortName,
        String handler,
        Duration timeout,
        int memorySizeMb,
        Map<String, String> environment,
        Optional<Path> artifact,
        OptionalInt reservedConcurrency,
        OptionalInt maximumRetryAttempts) {

    public FunctionConfiguration {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        artifact = Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
        Objects.requireNonNull(maximumRetryAttempts, "maximumRetryAttempts");
        if (reservedConcurrency.isPresent() && reservedConcurrency.getAsInt() < 0) {
            throw new IllegalArgumentException("Function " + functionName + ": reservedConcurrency must be 0 or more, was "
                    + reservedConcurrency.getAsInt());
        }
        maximumRetryAttempts.ifPresent(n -> LambdaSettings.AsyncSettings.checkRetryAttempts(n,
                "Function " + functionName + ": maximumRetryAttempts"));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Function " + functionName + ": timeout must be positive, was " + timeout);
        }
        if (memorySizeMb < 128 || memorySizeMb > 10240) {
            throw new IllegalArgumentException("Function " + functionName
                    + ": memorySize must be between 128 and 10240 MB, was " + memorySizeMb);
        }
    }

    /** A function without reserved concurrency, with the emulator's asynchronous retries. */
    public FunctionConfiguration(String functionName, String shortName, String handler, Duration timeout, int memorySizeMb,
                                 Map<String, String> environment, Optional<Path> artifact) {
        this(functionName, shortName, handler, timeout, memorySizeMb, environment, artifact, OptionalInt.empty(),
                OptionalInt.empty());
    }

    /** A function with serverless' defaults (6 s, 1024 MB), loaded from the classpath. */
    public static FunctionConfiguration of(String name, String handler) {
        return new FunctionConfiguration(name, name, handler, Duration.ofSeconds(6), 1024, Map.of(), Optional.empty());
    }

    public FunctionConfiguration withTimeout(Duration newTimeout) {
        return new FunctionConfiguration(functionName, shortName, handler, newTimeout, memorySizeMb, environment, artifact,
                reservedConcurrency, maximumRetryAttempts);
    }

    public FunctionConfiguration withMemorySize(int megabytes) {
        return new FunctionConfiguration(functionName, shortName, handler, timeout, megabytes, environment, artifact,
                reservedConcurrency, maximumRetryAttempts);
    }

    public FunctionConfiguration withEnvironment(Map<String, String> newEnvironment) {
        return new FunctionConfiguration(functionName, shortName, handler, timeout, memorySizeMb, newEnvironment, artifact,
                reservedConcurrency, maximumRetryAttempts);
    }

    public FunctionConfiguration withReservedConcurrency(int reserved) {
        return new FunctionConfiguration(functionName, shortName, handler, timeout, memorySizeMb, environment, artifact,
                OptionalInt.of(reserved), maximumRetryAttempts);
    }

    public FunctionConfiguration withMaximumRetryAttempts(int attempts) {
        return new FunctionConfiguration(functionName, shortName, handler, timeout, memorySizeMb, environment, artifact,
                reservedConcurrency, OptionalInt.of(attempts));
    }
}
