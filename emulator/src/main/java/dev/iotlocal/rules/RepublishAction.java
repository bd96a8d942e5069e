package dev.iotlocal.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * AWS IoT's Republish action: publishes the SELECT result to a topic, which may hold substitution templates
 * evaluated against the original message. The message goes through the broker, so subscribers and rules see it.
 */
public record RepublishAction(SubstitutionTemplate topic, int qos) implements RuleAction {

    public RepublishAction {
        Objects.requireNonNull(topic, "topic");
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("AWS IoT republishes with QoS 0 or 1, not " + qos);
        }
    }

    /**
     * Why AWS IoT could never publish to a topic without substitutions; empty when it can, or when the topic
     * depends on the message (then only a message can tell).
     */
    public Optional<String> constantTopicProblem() {
        return topic.isConstant() ? RepublishTopics.problem(topic.constantText()) : Optional.empty();
    }

    @Override
    public void perform(RuleOutput output, ActionTargets targets) {
        String target = topic.render(output.message());
        Optional<String> problem = RepublishTopics.problem(target);
        if (problem.isEmpty() && output.output().length > RepublishTopics.MAX_PAYLOAD_BYTES) {
            problem = Optional.of("the message is " + output.output().length + " bytes; AWS IoT allows at most "
                    + RepublishTopics.MAX_PAYLOAD_BYTES);
        }
        if (problem.isPresent()) {
            throw failure(target, output, "Failed to republish to topic '" + target + "': " + problem.get() + ".", null);
        }
        try {
            targets.broker().publish(target, output.output(), qos);
        } catch (RuntimeException e) {
            throw failure(target, output, "Failed to republish to topic '" + target + "': "
                    + ActionFailedException.sentence(e.getMessage()), e);
        }
    }

    private static ActionFailedException failure(String target, RuleOutput output, String message, Throwable cause) {
        return new ActionFailedException(target, message + " Message arrived on: " + output.message().topic()
                + ", Action: republish, Topic: " + target, cause);
    }

    @Override
    public String actionName() {
        return "RepublishAction";
    }
}
