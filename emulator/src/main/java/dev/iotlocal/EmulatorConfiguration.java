package dev.iotlocal;

import dev.iotlocal.apigateway.ApiGatewaySettings;
import dev.iotlocal.apigateway.ApiRoute;
import dev.iotlocal.apigateway.Cors;
import dev.iotlocal.config.ConfigException;
import dev.iotlocal.config.FunctionDefinition;
import dev.iotlocal.config.HttpEventDefinition;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.lambda.FunctionConfiguration;
import dev.iotlocal.lambda.LambdaSettings;
import dev.iotlocal.rules.TopicRule;
import dev.iotlocal.sigv4.Credential;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the emulator needs, derived from serverless.yml and the builder's options and validated once,
 * before any port is bound: a rule whose SQL does not parse, or a function that cannot run, stops start-up
 * with the file, line and key.
 */
record EmulatorConfiguration(
        ServiceDefinition service,
        String host,
        int edgePort,
        int mqttPort,
        Credential clientCredential,
        LambdaSettings.RoleCredentials functionRole,
        Duration maximumTimeout,
        int concurrencyLimit,
        Duration idleEnvironmentTimeout,
        LambdaSettings.AsyncSettings asyncInvocations,
        Clock clock,
        List<FunctionConfiguration> functions,
        List<ApiRoute> routes,
        List<TopicRule> topicRules,
        Duration integrationTimeout) {

    static final String ACCOUNT_ID = "000000000000";

    static EmulatorConfiguration of(ServiceDefinition service, String host, int edgePort, int mqttPort,
                                    Credential clientCredential, LambdaSettings.RoleCredentials functionRole,
                                    Duration maximumTimeout, int concurrencyLimit, Duration idleEnvironmentTimeout,
                                    LambdaSettings.AsyncSettings asyncInvocations, Clock clock,
                                    Map<String, Map<String, String>> environmentOverrides, Duration integrationTimeout) {
        List<FunctionConfiguration> functions = new ArrayList<>();
        Map<String, FunctionDefinition> byKey = new HashMap<>();
        int reserved = 0;
        for (FunctionDefinition function : service.functions()) {
            checkRunnable(function, maximumTimeout);
            reserved += function.reservedConcurrency().orElse(0);
            if (reserved > LambdaSettings.reservableConcurrency(concurrencyLimit)) {
                throw new ConfigException(function.location(), "with this function's reservedConcurrency the functions"
                        + " reserve " + reserved + " concurrent executions, but the concurrency limit is " + concurrencyLimit
                        + " and Lambda keeps " + (concurrencyLimit - LambdaSettings.reservableConcurrency(concurrencyLimit))
                        + " of it unreserved. Lower reservedConcurrency, or raise the emulator's concurrency limit.");
            }
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(environmentOverrides.getOrDefault(function.key(), Map.of()));
            functions.add(new FunctionConfiguration(function.deployedName(), function.key(), function.handler(),
                    function.timeout(), function.memorySizeMb(), environment, function.artifact(),
                    function.reservedConcurrency(), function.maximumRetryAttempts()));
            byKey.put(function.key(), function);
            byKey.put(function.deployedName(), function);
        }
        for (String key : environmentOverrides.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException("An environment override names function '" + key
                        + "', which " + service.file().getFileName() + " does not define. Functions: "
                        + service.functions().stream().map(FunctionDefinition::key).toList());
            }
        }
        List<ApiRoute> routes = new ArrayList<>();
        for (FunctionDefinition function : service.functions()) {
            for (HttpEventDefinition http : function.httpEvents()) {
                routes.add(new ApiRoute(http.method(), http.path(), function.deployedName(), http.cors().map(cors ->
                        new Cors(cors.origins(), cors.headers(), cors.allowCredentials(), cors.maxAgeSeconds(),
                                cors.cacheControl()))));
            }
        }
        TopicRules.Built rules = TopicRules.of(service, ACCOUNT_ID);
        if (!rules.warnings().isEmpty()) {
            List<String> warnings = new ArrayList<>(service.warnings());
            warnings.addAll(rules.warnings());
            service = new ServiceDefinition(service.file(), service.service(), service.stage(), service.region(),
                    service.functions(), service.topicRules(), warnings);
        }
        EmulatorConfiguration configuration = new EmulatorConfiguration(service, host, edgePort, mqttPort,
                clientCredential, functionRole, maximumTimeout, concurrencyLimit, idleEnvironmentTimeout,
                asyncInvocations, clock, List.copyOf(functions), List.copyOf(routes), rules.rules(), integrationTimeout);
        configuration.apiGatewaySettings(); // validates the stage, timeout and binary media types now
        return configuration;
    }

    /**
     * What the Lambda runtime would refuse when it starts, refused now with the function's place in the file: a
     * timeout above the emulator's maximum, a deployment artifact that is not there.
     */
    private static void checkRunnable(FunctionDefinition function, Duration maximumTimeout) {
        if (function.timeout().compareTo(maximumTimeout) > 0) {
            throw new ConfigException(function.location(), "the timeout of " + function.timeout().toSeconds()
                    + " s is above the emulator's maximum of " + maximumTimeout.toSeconds() + " s. Lower the timeout,"
                    + " or raise the maximum with IotLocal.builder().maximumFunctionTimeout(...) (AWS allows up to 900 s).");
        }
        function.artifact().ifPresent(jar -> {
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new ConfigException(function.location(), "the deployment artifact " + jar + " does not exist."
                        + " Build it first (for example `mvn package` in its project), or fix package.artifact.");
            }
        });
    }

    String stage() {
        return service.stage();
    }

    String region() {
        return service.region();
    }

    String accountId() {
        return ACCOUNT_ID;
    }

    List<Credential> credentials() {
        return List.of(clientCredential, new Credential(functionRole.accessKeyId(), functionRole.secretAccessKey(),
                Optional.of(functionRole.sessionToken())));
    }

    LambdaSettings lambdaSettings(Supplier<Map<String, String>> serviceEnvironment) {
        return new LambdaSettings(region(), ACCOUNT_ID, maximumTimeout, functionRole, serviceEnvironment, concurrencyLimit,
                idleEnvironmentTimeout, asyncInvocations);
    }

    ApiGatewaySettings apiGatewaySettings() {
        return new ApiGatewaySettings(stage(), apiId(), ACCOUNT_ID, integrationTimeout, service.binaryMediaTypes());
    }

    /** Stable for a service and stage, so URLs in the banner do not change between runs. */
    String apiId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        long hash = (service.service() + "/" + stage()).hashCode() & 0xffffffffL;
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt((int) (hash % alphabet.length())));
            hash = hash / alphabet.length() + (long) i * 7919;
        }
        return id.toString();
    }
}
