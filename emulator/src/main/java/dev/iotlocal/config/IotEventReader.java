package dev.iotlocal.config;

import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code iot} event into a rule that invokes its function. A rule without {@code name} is named
 * {@code <service>_<stage>_<function>_iot_<n>} (n counts the function's iot events from 1; characters a rule name
 * cannot hold become '_'), since serverless leaves the name to CloudFormation, which picks a random one.
 */
final class IotEventReader {

    private IotEventReader() {
    }

    static RuleDraft read(YamlValue raw, String functionKey, int number, BuildContext context) {
        YamlValue.Mapping event = Values.mapping(context.resolver().resolve(raw), "an iot event");
        context.warnings().unknownKeys(event, Keys.IOT, "this iot event");
        YamlValue sql = Values.child(event, "sql").orElseThrow(() -> new ConfigException(event.location(),
                "this iot event has no sql. Add e.g. sql: \"SELECT * FROM 'my/topic'\"."));
        Optional<String> name = Values.child(event, "name").map(v -> ruleName(v));
        SourceLocation nameLocation = Values.child(event, "name").map(YamlValue::location).orElse(event.location());
        String sqlVersion = Values.child(event, "sqlVersion").map(IotEventReader::sqlVersion)
                .orElse(TopicRuleDefinition.DEFAULT_SQL_VERSION);
        boolean enabled = Values.child(event, "enabled").map(v -> Values.bool(v, "enabled")).orElse(true);
        String description = Values.child(event, "description").map(v -> Values.text(v, "description")).orElse("");
        String derived = RuleNames.sanitize(context.service() + "_" + context.stage() + "_" + functionKey + "_iot_" + number);
        List<RuleActionDefinition> actions = List.of(new LambdaActionDefinition(functionKey, event.location()));
        return new RuleDraft(name, nameLocation, derived, Values.nonBlankText(sql, "sql"), sqlVersion, enabled,
                description, actions, Optional.empty(), sql.location());
    }

    static String ruleName(YamlValue value) {
        String name = Values.nonBlankText(value, "the rule name");
        if (!Limits.isValidRuleName(name)) {
            throw new ConfigException(value.location(), "the rule name '" + name + "' is not valid in AWS IoT: it "
                    + "must be 1 to 128 characters of letters, digits and '_' (no '-' or spaces). Rename it, e.g. '"
                    + RuleNames.sanitize(name) + "'.");
        }
        return name;
    }

    static String sqlVersion(YamlValue value) {
        String version = Values.text(value, "sqlVersion");
        if (!TopicRuleDefinition.SQL_VERSIONS.contains(version)) {
            throw new ConfigException(value.location(), "the SQL version '" + version + "' does not exist in AWS IoT. "
                    + "Use '2016-03-23' (recommended), '2015-10-08' (the default) or 'beta', in quotes.");
        }
        return version;
    }
}
