package dev.iotlocal;

import dev.iotlocal.apigateway.ApiGatewaySettings;
import dev.iotlocal.apigateway.ApiRoute;
import dev.iotlocal.apigateway.Cors;
import dev.iotlocal.config.ConfigException;
import dev.iotlocal.config.FunctionDefinition;
import dev.iotlocal.config.HttpEventDefinition;
import dev.iotlocal.config.LambdaActionDefinition;
import dev.iotlocal.config.RepublishActionDefinition;
import dev.iotlocal.config.RuleActionDefinition;
import dev.iotlocal.config.UnsupportedActionDefinition;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.config.TopicRuleDefinition;
import dev.iotlocal.lambda.FunctionConfiguration;
import dev.iotlocal.lambda.LambdaSettings;
import dev.iotlocal.rules.FunctionInvoker;
import dev.iotlocal.rules.LambdaAction;
import dev.iotlocal.rules.RuleAction;
import dev.iotlocal.rules.TopicRule;
import dev.iotlocal.rules.sql.IotSql;
import dev.iotlocal.rules.sql.SqlParseException;
import dev.iotlocal.rules.sql.SqlVersion;
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
        Clock clock,
        List<FunctionConfiguration> functions,
        List<ApiRoute> routes,
        List<ParsedRule> parsedRules,
        Duration integrationTimeout) {

    static final String ACCOUNT_ID = "000000000000";

    /** A rule whose SQL parsed, waiting for its actions to be wired. */
    record ParsedRule(TopicRuleDefinition definition, IotSql sql) {
    }

    static EmulatorConfiguration of(ServiceDefinition service, String host, int edgePort, int mqttPort,
                                    Credential clientCredential, LambdaSettings.RoleCredentials functionRole,
                                    Duration maximumTimeout, Clock clock,
                                    Map<String, Map<String, String>> environmentOverrides, Duration integrationTimeout) {
        List<FunctionConfiguration> functions = new ArrayList<>();
        Map<String, FunctionDefinition> byKey = new HashMap<>();
        for (FunctionDefinition function : service.functions()) {
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(environmentOverrides.getOrDefault(function.key(), Map.of()));
            functions.add(new FunctionConfiguration(function.deployedName(), function.key(), function.handler(),
                    function.timeout(), function.memorySizeMb(), environment, function.artifact()));
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
        List<ParsedRule> rules = new ArrayList<>();
        for (TopicRuleDefinition rule : service.topicRules()) {
            rules.add(new ParsedRule(rule, parse(rule)));
            for (RuleActionDefinition action : rule.actions()) {
                checkAction(action, rule, byKey);
            }
            rule.errorAction().ifPresent(errorAction -> {
                throw new ConfigException(errorAction.location(), "Rule " + rule.name() + ": error actions are not"
                        + " supported by this version of iotlocal yet. Remove the ErrorAction for local runs.");
            });
        }
        EmulatorConfiguration configuration = new EmulatorConfiguration(service, host, edgePort, mqttPort,
                clientCredential, functionRole, maximumTimeout, clock, List.copyOf(functions), List.copyOf(routes),
                List.copyOf(rules), integrationTimeout);
        configuration.apiGatewaySettings(); // validates the stage, timeout and binary media types now
        return configuration;
    }

    private static IotSql parse(TopicRuleDefinition rule) {
        SqlVersion version;
        try {
            version = SqlVersion.of(rule.sqlVersion());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(rule.sqlLocation(), "Rule " + rule.name() + ": " + e.getMessage());
        }
        try {
            return IotSql.parse(rule.sql(), version);
        } catch (SqlParseException e) {
            throw new ConfigException(rule.sqlLocation(), "Rule " + rule.name() + ": the SQL does not parse (AWS IoT"
                    + " refuses it with SqlParseException): " + e.getMessage() + "\n    " + rule.sql() + "\n    "
                    + " ".repeat(Math.max(0, e.column() - 1)) + "^");
        }
    }

    private static void checkAction(RuleActionDefinition action, TopicRuleDefinition rule, Map<String, FunctionDefinition> functions) {
        if (action instanceof LambdaActionDefinition lambda) {
            if (!functions.containsKey(lambda.functionKeyOrName())) {
                throw new ConfigException(lambda.location(), "Rule " + rule.name() + " invokes function '"
                        + lambda.functionKeyOrName() + "', which is not defined in this service.");
            }
        } else if (action instanceof RepublishActionDefinition republish) {
            throw new ConfigException(republish.location(), "Rule " + rule.name() + ": the Republish action is not"
                    + " supported by this version of iotlocal yet. Remove the action, or use a Lambda action.");
        } else if (action instanceof UnsupportedActionDefinition other) {
            throw new ConfigException(other.location(), "Rule " + rule.name() + ": the " + other.type() + " action calls"
                    + " an AWS service iotlocal does not emulate. Use a Lambda action instead, or remove this rule from"
                    + " the local configuration.");
        }
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
        return new LambdaSettings(region(), ACCOUNT_ID, maximumTimeout, functionRole, serviceEnvironment);
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

    List<TopicRule> topicRules(FunctionInvoker invoker) {
        List<TopicRule> rules = new ArrayList<>();
        for (ParsedRule parsed : parsedRules) {
            List<RuleAction> actions = new ArrayList<>();
            for (RuleActionDefinition action : parsed.definition().actions()) {
                if (action instanceof LambdaActionDefinition lambda) {
                    String name = functions.stream()
                            .filter(f -> f.shortName().equals(lambda.functionKeyOrName())
                                    || f.functionName().equals(lambda.functionKeyOrName()))
                            .findFirst().orElseThrow().functionName();
                    actions.add(new LambdaAction(name, invoker));
                }
            }
            rules.add(new TopicRule(parsed.definition().name(), parsed.sql(), parsed.definition().enabled(), actions));
        }
        return rules;
    }
}
