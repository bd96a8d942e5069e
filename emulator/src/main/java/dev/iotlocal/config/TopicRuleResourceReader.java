package dev.iotlocal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code resources.Resources} entries of type {@code AWS::IoT::TopicRule}; every other resource type is a
 * real AWS resource iotlocal does not emulate and is skipped silently. A rule without {@code RuleName} is named
 * after its logical id (CloudFormation would generate a name from it).
 */
final class TopicRuleResourceReader {

    private static final String TOPIC_RULE = "AWS::IoT::TopicRule";
    private static final Pattern ATTRIBUTE = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.([A-Za-z0-9.]+)}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final BuildContext context;
    /** Serverless's logical id of each function ({@code HelloLambdaFunction}) to the function's key. */
    private final Map<String, String> keysByLogicalId = new HashMap<>();
    private final Map<String, String> keysByDeployedName = new HashMap<>();

    TopicRuleResourceReader(BuildContext context, List<FunctionDefinition> functions) {
        this.context = context;
        for (FunctionDefinition function : functions) {
            keysByLogicalId.put(logicalId(function.key()), function.key());
            keysByDeployedName.put(function.deployedName(), function.key());
        }
    }

    /** Serverless's normalisation: first letter upper case, '-' as "Dash", '_' as "Underscore". */
    static String logicalId(String functionKey) {
        String normalized = functionKey.replace("-", "Dash").replace("_", "Underscore");
        return Character.toUpperCase(normalized.charAt(0)) + normalized.substring(1) + "LambdaFunction";
    }

    List<RuleDraft> read(YamlValue rawResources) {
        YamlValue resources = context.resolver().shallow(rawResources);
        List<YamlValue> parts = resources instanceof YamlValue.Sequence sequence ? sequence.items() : List.of(resources);
        List<RuleDraft> rules = new ArrayList<>();
        for (YamlValue part : parts) {
            YamlValue.Mapping section = Values.mapping(context.resolver().shallow(part), "resources");
            context.warnings().unknownKeys(section, Keys.RESOURCES, "resources");
            Optional<YamlValue> declared = Values.child(section, "Resources").map(context.resolver()::shallow);
            if (declared.isEmpty()) {
                continue;
            }
            Values.mapping(declared.get(), "resources.Resources").entries().forEach((logicalId, entry) -> {
                YamlValue resource = context.resolver().shallow(entry.value());
                if (resource instanceof YamlValue.Mapping mapping && isTopicRule(mapping)) {
                    rules.add(rule(logicalId, Values.mapping(context.resolver().resolve(mapping), "the resource")));
                }
            });
        }
        return rules;
    }

    private boolean isTopicRule(YamlValue.Mapping resource) {
        return Values.child(resource, "Type").map(context.resolver()::resolve)
                .filter(t -> t instanceof YamlValue.Scalar s && TOPIC_RULE.equals(s.asText()))
                .isPresent();
    }

    private RuleDraft rule(String logicalId, YamlValue.Mapping resource) {
        context.warnings().unknownKeys(resource, Keys.CFN_RESOURCE, "resource " + logicalId);
        YamlValue.Mapping properties = Values.mapping(required(resource, "Properties", logicalId), "Properties");
        context.warnings().unknownKeys(properties, Keys.TOPIC_RULE_PROPERTIES, "the Properties of " + logicalId);
        Optional<String> name = Values.child(properties, "RuleName").map(v -> IotEventReader.ruleName(literal(v, "RuleName")));
        SourceLocation nameLocation = Values.child(properties, "RuleName").map(YamlValue::location).orElse(resource.location());
        YamlValue.Mapping payload = Values.mapping(required(properties, "TopicRulePayload", logicalId), "TopicRulePayload");
        context.warnings().unknownKeys(payload, Keys.TOPIC_RULE_PAYLOAD, "the TopicRulePayload of " + logicalId);

        YamlValue sql = required(payload, "Sql", logicalId);
        String sqlText = Values.nonBlankText(literal(sql, "Sql"), "Sql");
        String version = Values.child(payload, "AwsIotSqlVersion").map(v -> IotEventReader.sqlVersion(literal(v, "AwsIotSqlVersion")))
                .orElse(TopicRuleDefinition.DEFAULT_SQL_VERSION);
        boolean disabled = Values.child(payload, "RuleDisabled").map(v -> Values.bool(v, "RuleDisabled")).orElse(false);
        String description = Values.child(payload, "Description").map(v -> CloudFormationValues.evaluate(v, context)).orElse("");
        List<RuleActionDefinition> actions = new ArrayList<>();
        for (YamlValue action : Values.sequence(required(payload, "Actions", logicalId), "Actions").items()) {
            actions.add(action(action));
        }
        Optional<RuleActionDefinition> errorAction = Values.child(payload, "ErrorAction").map(this::action);
        return new RuleDraft(name, nameLocation, RuleNames.sanitize(logicalId), sqlText, version, !disabled,
                description, actions, errorAction, sql.location());
    }

    private RuleActionDefinition action(YamlValue value) {
        YamlValue.Mapping action = Values.mapping(value, "a rule action");
        if (action.entries().size() != 1) {
            throw new ConfigException(action.location(), "a rule action must name exactly one kind (Lambda, Republish, "
                    + "...), but this one has " + String.join(", ", action.entries().keySet()) + ". Split it into one action per kind.");
        }
        Map.Entry<String, YamlValue.Mapping.Entry> only = action.entries().entrySet().iterator().next();
        SourceLocation at = only.getValue().keyLocation();
        YamlValue body = only.getValue().value();
        switch (only.getKey()) {
            case "Lambda": {
                YamlValue.Mapping lambda = Values.mapping(body, "the Lambda action");
                context.warnings().unknownKeys(lambda, Keys.LAMBDA_ACTION, "the Lambda action");
                YamlValue arn = Values.child(lambda, "FunctionArn").orElseThrow(() -> new ConfigException(at,
                        "the Lambda action has no FunctionArn. Add e.g. FunctionArn: !GetAtt HelloLambdaFunction.Arn."));
                return new LambdaActionDefinition(target(arn), at);
            }
            case "Republish": {
                YamlValue.Mapping republish = Values.mapping(body, "the Republish action");
                context.warnings().unknownKeys(republish, Keys.REPUBLISH_ACTION, "the Republish action");
                YamlValue topic = Values.child(republish, "Topic").orElseThrow(() -> new ConfigException(at,
                        "the Republish action has no Topic. Add e.g. Topic: 'replies/${topic(2)}'."));
                int qos = Values.child(republish, "Qos").map(q -> Values.wholeNumber(q, "Qos", 0, 1,
                        "AWS IoT republishes with QoS 0 or 1.")).orElse(0);
                return new RepublishActionDefinition(Values.nonBlankText(
                        new YamlValue.Scalar(YamlValue.Kind.STRING, CloudFormationValues.evaluate(topic, context), "", true,
                                topic.location()), "Topic"), qos, at);
            }
            default:
                return new UnsupportedActionDefinition(only.getKey(), at);
        }
    }

    /** The function a FunctionArn names: a function key of this service when it is one, else the Lambda name. */
    private String target(YamlValue arn) {
        String text = CloudFormationValues.evaluate(arn, context).strip();
        Matcher attribute = ATTRIBUTE.matcher(text);
        if (attribute.matches()) {
            if (!attribute.group(2).equals("Arn")) {
                throw new ConfigException(arn.location(), "FunctionArn takes the attribute Arn, not "
                        + attribute.group(2) + ". Write !GetAtt " + attribute.group(1) + ".Arn.");
            }
            return byLogicalId(attribute.group(1), arn.location());
        }
        String name = text.contains(":function:") ? text.substring(text.indexOf(":function:") + 10).split(":")[0] : text;
        Matcher reference = REFERENCE.matcher(name);
        if (reference.matches()) {
            return byLogicalId(reference.group(1), arn.location());
        }
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new ConfigException(arn.location(), "FunctionArn '" + text + "' names no Lambda function iotlocal "
                    + "can find. Use !GetAtt <Function>LambdaFunction.Arn or arn:aws:lambda:<region>:<account>:function:<name>.");
        }
        return keysByDeployedName.getOrDefault(name, name);
    }

    private String byLogicalId(String logicalId, SourceLocation at) {
        String key = keysByLogicalId.get(logicalId);
        if (key == null) {
            throw new ConfigException(at, "FunctionArn refers to " + logicalId + ", which is not a function of this "
                    + "service. Serverless names function 'hello' HelloLambdaFunction ('-' becomes Dash, '_' Underscore); "
                    + "the functions here are " + (keysByLogicalId.isEmpty() ? "none"
                    : String.join(", ", new TreeSet<>(keysByLogicalId.keySet()))) + ".");
        }
        return key;
    }

    /** A string that must be fully known locally (a rule name, the SQL). */
    private YamlValue literal(YamlValue value, String what) {
        String text = CloudFormationValues.evaluate(value, context);
        if (text.contains("${")) {
            throw new ConfigException(value.location(), what + " refers to a CloudFormation value iotlocal cannot know ("
                    + text + "). Write it literally or with a serverless variable such as ${sls:stage}.");
        }
        return new YamlValue.Scalar(YamlValue.Kind.STRING, text, "", true, value.location());
    }

    private static YamlValue required(YamlValue.Mapping mapping, String key, String logicalId) {
        return Values.child(mapping, key).orElseThrow(() -> new ConfigException(mapping.location(),
                "the topic rule " + logicalId + " has no " + key + ", which CloudFormation requires. Add it."));
    }
}
