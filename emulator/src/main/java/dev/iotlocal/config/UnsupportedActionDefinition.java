package dev.iotlocal.config;

import java.util.Objects;

/** An action kind iotlocal does not run ({@code DynamoDBv2}, {@code S3}, ...), kept by its CloudFormation type name. */
public record UnsupportedActionDefinition(String type, SourceLocation location) implements RuleActionDefinition {

    public UnsupportedActionDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }
}
