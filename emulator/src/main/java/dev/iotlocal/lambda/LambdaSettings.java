package dev.iotlocal.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the emulated Lambda service behaves.
 *
 * @param region              the region functions run in ({@code AWS_REGION})
 * @param accountId           the account in function ARNs
 * @param maximumTimeout      the longest timeout a function may have; longer ones are refused at start-up.
 *                            300 s by default: the 5-minute limit the seed was designed for (AWS allows 900 s today)
 * @param executionRole       the credentials every function receives, as Lambda gives the execution role's
 * @param serviceEnvironment  variables the emulator adds to every function so it talks to the emulator
 *                            (for example {@code AWS_IOT_HOST}); they win over the function's own values. Read
 *                            when an execution environment is created, once the emulator's ports are bound
 */
public record LambdaSettings(
        String region,
        String accountId,
        Duration maximumTimeout,
        RoleCredentials executionRole,
        Supplier<Map<String, String>> serviceEnvironment) {

    public static final Duration DEFAULT_MAXIMUM_TIMEOUT = Duration.ofSeconds(300);

    public LambdaSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(maximumTimeout, "maximumTimeout");
        Objects.requireNonNull(executionRole, "executionRole");
        Objects.requireNonNull(serviceEnvironment, "serviceEnvironment");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
        }
        if (maximumTimeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException("maximumTimeout cannot exceed Lambda's 900 s, was " + maximumTimeout);
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
