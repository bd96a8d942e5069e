package dev.iotlocal.rules;

/** How a Republish action reaches the message broker: subscribers and rules see the message as any other. */
@FunctionalInterface
public interface MessagePublisher {

    /**
     * Publishes as AWS IoT itself does, not as a client.
     *
     * @param qos 0 or 1
     * @throws RuntimeException when the broker cannot take the message; the rule's error action runs
     */
    void publish(String topic, byte[] payload, int qos);
}
