package dev.iotlocal.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;

/** The message AWS IoT hands a rule's error action: one per rule and message, all failed actions in it. */
final class ErrorMessage {

    /** One failed action. */
    record Failure(String failedAction, String failedResource, String errorMessage) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMessage() {
    }

    /** The JSON of rule-error-handling.md: ruleName, topic, cloudwatchTraceId, clientId, base64OriginalPayload, failures. */
    static byte[] of(RuleOutput output, List<Failure> failures) {
        ObjectNode message = JSON.createObjectNode()
                .put("ruleName", output.ruleName())
                .put("topic", output.message().topic())
                .put("cloudwatchTraceId", output.traceId())
                .put("clientId", output.message().clientId() == null ? "n/a" : output.message().clientId())
                .put("base64OriginalPayload", Base64.getEncoder().encodeToString(
                        output.message().payload() == null ? new byte[0] : output.message().payload()));
        ArrayNode list = message.putArray("failures");
        for (Failure failure : failures) {
            list.addObject()
                    .put("failedAction", failure.failedAction())
                    .put("failedResource", failure.failedResource())
                    .put("errorMessage", failure.errorMessage());
        }
        try {
            return JSON.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Writing an error action's message failed", e); // a tree always writes
        }
    }
}
