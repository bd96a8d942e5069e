package dev.iotlocal.rules;

import dev.iotlocal.rules.sql.IotSql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AWS IoT topic rule: SQL over the messages of a topic filter, the actions its results go to, and the error
 * action that hears of the actions that could not be performed.
 */
public record TopicRule(String name, IotSql sql, boolean enabled, List<RuleAction> actions,
                        Optional<RuleAction> errorAction) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");

    public TopicRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(errorAction, "errorAction");
        actions = List.copyOf(actions);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Rule name '" + name + "' is not valid in AWS IoT: use 1 to 128 letters,"
                    + " digits and underscores.");
        }
    }

    /** A rule without an error action. */
    public TopicRule(String name, IotSql sql, boolean enabled, List<RuleAction> actions) {
        this(name, sql, enabled, actions, Optional.empty());
    }
}
