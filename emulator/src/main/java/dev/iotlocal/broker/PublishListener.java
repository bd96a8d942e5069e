package dev.iotlocal.broker;

import org.slf4j.LoggerFactory;

/**
 * Sees every message that reaches the broker (from MQTT clients, HTTP publishes, lifecycle events, wills): the
 * rules engine's source. Called off the broker's network threads' critical path: implementations must not block.
 */
@FunctionalInterface
public interface PublishListener {

    void onPublish(PublishedMessage message);

    /**
     * A Basic Ingest message: published to {@code $aws/rules/<ruleName>/...}, it goes to that rule only, never to
     * subscribers. The message's topic is the full topic, prefix included.
     */
    default void onBasicIngest(String ruleName, PublishedMessage message) {
        LoggerFactory.getLogger("iot.broker").warn("A Basic Ingest message to {} was not delivered: nothing routes"
                + " Basic Ingest messages to rule {} in this emulator.", message.topic(), ruleName);
    }
}
