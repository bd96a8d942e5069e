package dev.iotlocal;

import dev.iotlocal.apigateway.ApiGatewaySettings;
import dev.iotlocal.broker.BrokerSettings;
import dev.iotlocal.config.LoadOptions;
import dev.iotlocal.config.ServerlessConfig;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.edge.EdgeSettings;
import dev.iotlocal.lambda.LambdaSettings;
import dev.iotlocal.sigv4.Credential;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Options of an {@link IotLocal}; each documents its default. */
public final class IotLocalBuilder {

    private Path config;
    private String stage;
    private String region;
    private String host = "127.0.0.1";
    private int edgePort = EdgeSettings.DEFAULT_PORT;
    private int mqttPort = BrokerSettings.DEFAULT_PORT;
    private String accessKey = "test";
    private String secretKey = "test";
    private Duration maximumFunctionTimeout = LambdaSettings.DEFAULT_MAXIMUM_TIMEOUT;
    private int concurrencyLimit = LambdaSettings.DEFAULT_CONCURRENCY_LIMIT;
    private Duration idleEnvironmentTimeout = LambdaSettings.DEFAULT_IDLE_ENVIRONMENT_TIMEOUT;
    private LambdaSettings.AsyncSettings asyncInvocations = LambdaSettings.AsyncSettings.DEFAULTS;
    private Map<String, String> environment = System.getenv();
    private final Map<String, Map<String, String>> functionEnvironment = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration integrationTimeout = ApiGatewaySettings.DEFAULT_INTEGRATION_TIMEOUT;
    private Duration persistentSessionExpiry = BrokerSettings.DEFAULT_PERSISTENT_SESSION_EXPIRY;

    IotLocalBuilder() {
    }

    /** The serverless.yml to run (required). */
    public IotLocalBuilder config(Path serverlessYml) {
        this.config = Objects.requireNonNull(serverlessYml, "serverlessYml");
        return this;
    }

    /** The stage, as {@code serverless deploy --stage}; default: the file's {@code provider.stage}, else {@code dev}. */
    public IotLocalBuilder stage(String stage) {
        this.stage = stage;
        return this;
    }

    /** The region, as {@code --region}; default: the file's {@code provider.region}, else {@code us-east-1}. */
    public IotLocalBuilder region(String region) {
        this.region = region;
        return this;
    }

    /** The address to bind; default {@code 127.0.0.1}. {@code 0.0.0.0} exposes the emulator to the network. */
    public IotLocalBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** The HTTP and WebSocket port; default 4566, 0 for any free port. */
    public IotLocalBuilder edgePort(int port) {
        this.edgePort = port;
        return this;
    }

    /** The MQTT over TCP port; default 1883, 0 for any free port. */
    public IotLocalBuilder mqttPort(int port) {
        this.mqttPort = port;
        return this;
    }

    /** The credentials clients sign with; default {@code test} / {@code test}, as LocalStack users export. */
    public IotLocalBuilder credentials(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        return this;
    }

    /** The longest function timeout allowed; default 300 s (the seed's 5-minute design), at most 900 s. */
    public IotLocalBuilder maximumFunctionTimeout(Duration timeout) {
        this.maximumFunctionTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * The account's concurrent executions, shared by functions without {@code reservedConcurrency}; default 1000,
     * as on AWS. Beyond it a synchronous call gets {@code TooManyRequestsException} (429) and an asynchronous one
     * is retried with backoff.
     */
    public IotLocalBuilder concurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The concurrency limit must be at least 1, was " + limit);
        }
        this.concurrencyLimit = limit;
        return this;
    }

    /** How long an idle execution environment stays warm; default 5 minutes (AWS: about 5 to 15, undocumented). */
    public IotLocalBuilder idleEnvironmentTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The idle environment timeout must be positive, was " + timeout);
        }
        this.idleEnvironmentTimeout = timeout;
        return this;
    }

    /**
     * The waits before the first and second retry of a failed asynchronous invocation; default 1 and 2 minutes,
     * as on AWS. Tests shorten them, e.g. {@code asyncRetryDelays(Duration.ofMillis(50), Duration.ofMillis(100))}.
     */
    public IotLocalBuilder asyncRetryDelays(Duration first, Duration second) {
        this.asyncInvocations = asyncInvocations.withRetryDelays(first, second);
        return this;
    }

    /** Retries of a failed asynchronous invocation, 0 to 2; default 2. A function's {@code maximumRetryAttempts} wins. */
    public IotLocalBuilder asyncMaximumRetryAttempts(int attempts) {
        this.asyncInvocations = asyncInvocations.withMaximumRetryAttempts(attempts);
        return this;
    }

    /** The variables {@code ${env:NAME}} in serverless.yml resolves against; default: this process's environment. */
    public IotLocalBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Sets variables of one function (by its key in serverless.yml), over what the file says: for tests. */
    public IotLocalBuilder functionEnvironment(String function, Map<String, String> variables) {
        this.functionEnvironment.computeIfAbsent(function, f -> new HashMap<>()).putAll(variables);
        return this;
    }

    /** The clock for signatures, timeouts and timestamps; default the system clock. */
    public IotLocalBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * How long API Gateway waits for a function before answering 504; default 29 s, as on AWS. Tests shorten it
     * to see the 504 without waiting 29 s.
     */
    public IotLocalBuilder integrationTimeout(Duration timeout) {
        this.integrationTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * How long an MQTT persistent session (cleanSession=0) and its stored QoS 1 messages outlive the connection;
     * default 1 hour, AWS IoT's default (which AWS raises on request).
     */
    public IotLocalBuilder persistentSessionExpiry(Duration expiry) {
        this.persistentSessionExpiry = Objects.requireNonNull(expiry, "expiry");
        return this;
    }

    /**
     * Reads and validates the configuration; binds nothing yet.
     *
     * @throws dev.iotlocal.config.ConfigException naming the file, line and key of what is wrong
     */
    public IotLocal build() {
        if (config == null) {
            throw new IllegalStateException("No serverless.yml given: call config(Path) before build().");
        }
        new EdgeSettings(host, edgePort);
        new BrokerSettings(host, mqttPort, persistentSessionExpiry);
        if (edgePort != 0 && edgePort == mqttPort) {
            throw new IllegalArgumentException("The edge and MQTT ports are both " + edgePort + ": choose two ports.");
        }
        ServiceDefinition service = ServerlessConfig.load(config,
                new LoadOptions(Optional.ofNullable(stage), Optional.ofNullable(region), environment));
        return new IotLocal(EmulatorConfiguration.of(service, host, edgePort, mqttPort,
                new Credential(accessKey, secretKey, Optional.empty()), newFunctionRole(), maximumFunctionTimeout,
                concurrencyLimit, idleEnvironmentTimeout, asyncInvocations, clock, functionEnvironment,
                integrationTimeout), persistentSessionExpiry);
    }

    /** Credentials of the functions' execution role, new for each emulator, temporary as Lambda's are. */
    private static LambdaSettings.RoleCredentials newFunctionRole() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[8];
        byte[] secret = new byte[20];
        byte[] token = new byte[48];
        random.nextBytes(key);
        random.nextBytes(secret);
        random.nextBytes(token);
        return new LambdaSettings.RoleCredentials("ASIA" + HexFormat.of().formatHex(key).toUpperCase(java.util.Locale.ROOT),
                java.util.Base64.getEncoder().encodeToString(secret),
                "IQoJb3JpZ2luX2Vj" + java.util.Base64.getEncoder().encodeToString(token));
    }
}
