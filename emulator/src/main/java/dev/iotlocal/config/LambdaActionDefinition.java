package dev.iotlocal.config;

import java.util.Objects;

/**
 * Invoke a function asynchronously. {@code functionKeyOrName} is the key under {@code functions:} when the
 * target is a function of this service; otherwise the Lambda name taken from the ARN (the caller decides).
 */
public record LambdaActionDefinition(String functionKeyOrName, SourceLocation location) implements RuleActionDefinition {

    public LambdaActionDefinition {
        Objects.requireNonNull(functionKeyOrName, "functionKeyOrName");
        Objects.requireNonNull(location, "location");
        if (functionKeyOrName.isBlank()) {
            throw new IllegalArgumentException("functionKeyOrName must not be blank");
        }
    }
}
