package dev.iotlocal.config;

import java.util.Objects;

/** Publish the rule's result to {@code topic} (which may hold substitution templates like {@code ${topic(2)}}). */
public record RepublishActionDefinition(String topic, int qos, SourceLocation location) implements RuleActionDefinition {

    public RepublishActionDefinition {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(location, "location");
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, got " + qos);
        }
    }
}
