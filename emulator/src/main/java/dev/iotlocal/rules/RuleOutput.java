package dev.iotlocal.rules;

import dev.iotlocal.rules.sql.MessageContext;

import java.util.Objects;

/**
 * One message as a rule's actions see it: the rule's result and the message it came from.
 *
 * @param message the original message, which substitution templates are evaluated against
 * @param traceId the message's trace id, for the error action's {@code cloudwatchTraceId}; present even where
 *                {@code traceid()} is Undefined (messages that did not come over MQTT)
 * @param output  the SELECT result (JSON, or the raw payload for {@code SELECT *}); for an error action, AWS's
 *                error message
 */
public record RuleOutput(String ruleName, MessageContext message, String traceId, byte[] output) {

    public RuleOutput {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(output, "output");
    }

    /** The same message with another output: what an error action receives. */
    RuleOutput withOutput(byte[] newOutput) {
        return new RuleOutput(ruleName, message, traceId, newOutput);
    }
}
