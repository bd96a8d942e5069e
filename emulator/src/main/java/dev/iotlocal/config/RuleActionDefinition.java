package dev.iotlocal.config;

/**
 * One action of a topic rule. Kinds iotlocal does not run are kept as {@link UnsupportedActionDefinition} so
 * the caller can refuse them with the place they were written.
 */
public sealed interface RuleActionDefinition
        permits LambdaActionDefinition, RepublishActionDefinition, UnsupportedActionDefinition {

    SourceLocation location();
}
