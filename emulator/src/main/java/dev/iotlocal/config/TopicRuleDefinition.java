package dev.iotlocal.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS IoT topic rule, from a function's {@code iot} event or a CloudFormation {@code AWS::IoT::TopicRule}.
 * {@code sqlVersion} is {@code 2015-10-08} when none was given, as in AWS. {@code sqlLocation} points at the SQL
 * so the SQL parser can report its errors in serverless.yml terms.
 */
public record TopicRuleDefinition(
        String name,
        String sql,
        String sqlVersion,
        boolean enabled,
        String description,
        List<RuleActionDefinition> actions,
        Optional<RuleActionDefinition> errorAction,
        SourceLocation sqlLocation) {

    /** The SQL versions AWS IoT accepts. */
    public static final Set<String> SQL_VERSIONS = Set.of("2015-10-08", "2016-03-23", "beta");
    /** AWS's default when a rule names no version. */
    public static final String DEFAULT_SQL_VERSION = "2015-10-08";

    public TopicRuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sqlVersion, "sqlVersion");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(errorAction, "errorAction");
        Objects.requireNonNull(sqlLocation, "sqlLocation");
        if (!Limits.isValidRuleName(name)) {
            throw new IllegalArgumentException("rule name must match ^[a-zA-Z0-9_]+$ with 1 to 128 characters, got " + name);
        }
        if (!SQL_VERSIONS.contains(sqlVersion)) {
            throw new IllegalArgumentException("sqlVersion must be one of " + SQL_VERSIONS + ", got " + sqlVersion);
        }
        actions = List.copyOf(actions);
    }
}
