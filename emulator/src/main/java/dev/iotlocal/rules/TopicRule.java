package dev.iotlocal.rules;

import dev.iotlocal.rules.sql.IotSql;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** An AWS IoT topic rule: SQL over the messages of a topic filter, and the actions its results go to. */
public record TopicRule(String name, IotSql sql, boolean enabled, List<RuleAction> actions) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");

    public TopicRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        actions = List.copyOf(actions);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Rule name '" + name + "' is not valid in AWS IoT: use 1 to 128 letters,"
                    + " digits and underscores.");
        }
    }
}
