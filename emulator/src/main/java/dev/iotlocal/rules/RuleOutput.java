package dev.iotlocal.rules;

/**
 * The result of a rule's SQL for one message, with what actions need to know about that message.
 *
 * @param output the SELECT result (JSON, or the raw payload for {@code SELECT *} of a non-JSON message)
 */
public record RuleOutput(String ruleName, String topic, String clientId, String traceId, byte[] output,
                         byte[] originalPayload) {
}
