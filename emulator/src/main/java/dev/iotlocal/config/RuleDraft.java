package dev.iotlocal.config;

import java.util.List;
import java.util.Optional;

/** A topic rule before names are settled: rules without a name get {@code derivedName}, made unique later. */
record RuleDraft(
        Optional<String> name,
        SourceLocation nameLocation,
        String derivedName,
        String sql,
        String sqlVersion,
        boolean enabled,
        String description,
        List<RuleActionDefinition> actions,
        Optional<RuleActionDefinition> errorAction,
        SourceLocation sqlLocation) {

    TopicRuleDefinition named(String finalName) {
        return new TopicRuleDefinition(finalName, sql, sqlVersion, enabled, description, actions, errorAction, sqlLocation);
    }
}
