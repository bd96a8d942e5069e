package dev.iotlocal.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the emulated Lambda service behaves.
 *
 * @param region                 the region functions run in ({@code AWS_REGION})
 * @param accountId              the account in function ARNs
 * @param maximumTimeout         the longest timeout a function may have; longer ones are refused at start-up.
 *                               300 s by default: the 5-minute limit the seed was designed for (AWS allows 900 s today)
 * @param executionRole          the credentials every function receives, as Lambda gives the execution role's
 * @param serviceEnvironment     variables the emulator adds to every function so it talks to the emulator
 *                               (for example {@code AWS_IOT_HOST}); they win over the function's own values. Read
 *                               when an execution environment is created, once the emulator's ports are bound
 * @param concurrencyLimit       the account's concurrent executions, shared by every function without reserved
 *                               concurrency; 1000 by default, as a new AWS account gets
 * @param idleEnvironmentTimeout how long an idle execution environment stays warm before it is reaped; AWS does
 *                               not document it, observed lifetimes are 5 to 15 minutes: 5 minutes by default
 * @param async                  how asynchronous ({@code Event}) invocations are queued and retried
 */
public record LambdaSettings(
        String region,
        String accountId,
        Duration maximumTimeout,
        RoleCredentials executionRole,
        Supplier<Map<String, String>> serviceEnvironment,
        int concurrencyLimit,
        Duration idleEnvironmentTimeout,
        AsyncSettings async) {

    public static final Duration DEFAULT_MAXIMUM_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_CONCURRENCY_LIMIT = 1000;
    public static final Duration DEFAULT_IDLE_ENVIRONMENT_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How much of the concurrency limit functions may reserve: AWS keeps 100 of the default 1000 unreserved; the
     * emulator keeps the same tenth of its limit.
     */
    public static int reservableConcurrency(int concurrencyLimit) {
        return concurrencyLimit - Math.min(100, concurrencyLimit / 10);
    }

    public LambdaSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(maximumTimeout, "maximumTimeout");
        Objects.requireNonNull(executionRole, "executionRole");
        Objects.requireNonNull(serviceEnvironment, "serviceEnvironment");
        Objects.requireNonNull(idleEnvironmentTimeout, "idleEnvironmentTimeout");
        Objects.requireNonNull(async, "async");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
        }
        if (maximumTimeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException("maximumTimeout cannot exceed Lambda's 900 s, was " + maximumTimeout);
        }
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("The concurrency limit must be at least 1, was " + concurrencyLimit
                    + " (AWS's default is 1000).");
        }
        if (idleEnvironmentTimeout.isNegative() || idleEnvironmentTimeout.isZero()) {
            throw new IllegalArgumentException("The idle environment timeout must be positive, was " + idleEnvironmentTimeout);
        }
    }

    /** The settings with AWS's defaults for concurrency, idle environments and asynchronous invocations. */
    public LambdaSettings(String region, String accountId, Duration maximumTimeout, RoleCredentials executionRole,
                          Supplier<Map<String, String>> serviceEnvironment) {
        this(region, accountId, maximumTimeout, executionRole, serviceEnvironment, DEFAULT_CONCURRENCY_LIMIT,
                DEFAULT_IDLE_ENVIRONMENT_TIMEOUT, AsyncSettings.DEFAULTS);
    }

    public LambdaSettings withConcurrencyLimit(int limit) {
        return new LambdaSettings(region, accountId, maximumTimeout, executionRole, serviceEnvironment, limit,
                idleEnvironmentTimeout, async);
    }

    public LambdaSettings withIdleEnvironmentTimeout(Duration timeout) {
        return new LambdaSettings(region, accountId, maximumTimeout, executionRole, serviceEnvironment, concurrencyLimit,
                timeout, async);
    }

    public LambdaSettings withAsync(AsyncSettings settings) {
        return new LambdaSettings(region, accountId, maximumTimeout, executionRole, serviceEnvironment, concurrencyLimit,
                idleEnvironmentTimeout, settings);
    }

    /**
     * Asynchronous invocations, as Lambda's event queue handles them.
     *
     * @param maximumRetryAttempts retries after a function error, 0 to 2 (AWS's default 2); a function's
     *                             {@code maximumRetryAttempts} in serverless.yml wins
     * @param retryDelays          the wait before the first and the second retry: 1 and 2 minutes on AWS
     * @param maximumEventAge      how long a throttled event is retried before it is given up: 6 hours on AWS
     * @param throttleBackoff      the first wait after a throttled attempt; it doubles up to {@code maximumBackoff}
     *                             (1 s and 5 minutes on AWS)
     * @param maximumBackoff       the longest wait between throttled attempts
     */
    public record AsyncSettings(int maximumRetryAttempts, List<Duration> retryDelays, Duration maximumEventAge,
                                Duration throttleBackoff, Duration maximumBackoff) {

        public static final AsyncSettings DEFAULTS = new AsyncSettings(2, List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)),
                Duration.ofHours(6), Duration.ofSeconds(1), Duration.ofMinutes(5));

        public AsyncSettings {
            retryDelays = List.copyOf(retryDelays);
            Objects.requireNonNull(maximumEventAge, "maximumEventAge");
            Objects.requireNonNull(throttleBackoff, "throttleBackoff");
            Objects.requireNonNull(maximumBackoff, "maximumBackoff");
            checkRetryAttempts(maximumRetryAttempts, "maximumRetryAttempts");
            if (retryDelays.size() != 2 || retryDelays.stream().anyMatch(Duration::isNegative)) {
                throw new IllegalArgumentException("Give two retry delays, zero or more (AWS waits 1 then 2 minutes), was "
                        + retryDelays);
            }
            if (maximumEventAge.compareTo(Duration.ofSeconds(60)) < 0 || maximumEventAge.compareTo(Duration.ofHours(6)) > 0) {
                throw new IllegalArgumentException("The maximum event age must be 60 s to 6 h, as on AWS; was " + maximumEventAge);
            }
            if (throttleBackoff.isNegative() || throttleBackoff.isZero() || maximumBackoff.compareTo(throttleBackoff) < 0) {
                throw new IllegalArgumentException("The throttle backoff must be positive and at most the maximum backoff, was "
                        + throttleBackoff + " and " + maximumBackoff);
            }
        }

        public AsyncSettings withRetryDelays(Duration first, Duration second) {
            return new AsyncSettings(maximumRetryAttempts, List.of(first, second), maximumEventAge, throttleBackoff, maximumBackoff);
        }

        public AsyncSettings withMaximumRetryAttempts(int attempts) {
            return new AsyncSettings(attempts, retryDelays, maximumEventAge, throttleBackoff, maximumBackoff);
        }

        public AsyncSettings withThrottleBackoff(Duration first, Duration maximum) {
            return new AsyncSettings(maximumRetryAttempts, retryDelays, maximumEventAge, first, maximum);
        }

        static void checkRetryAttempts(int attempts, String what) {
            if (attempts < 0 || attempts > 2) {
                throw new IllegalArgumentException(what + " must be 0, 1 or 2, as Lambda allows; was " + attempts);
            }
        }
    }

    /** Temporary credentials handed to functions, as Lambda does through the environment. */
    public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        public RoleCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "RoleCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken=***]";
        }
    }
}
