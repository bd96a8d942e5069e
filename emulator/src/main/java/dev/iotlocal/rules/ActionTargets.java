package dev.iotlocal.rules;

import java.util.Objects;

/** What rule actions act on: Lambda for Lambda actions, the broker for Republish actions. */
public record ActionTargets(FunctionInvoker functions, MessagePublisher broker) {

    public ActionTargets {
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(broker, "broker");
    }
}
