package dev.iotlocal.broker;

/**
 * Sees every message that reaches the broker (from MQTT clients, HTTP publishes, lifecycle events, wills): the
 * rules engine's source. Called on the broker's network threads: implementations must not block (the rules engine
 * hands each message to its own threads).
 */
@FunctionalInterface
public interface PublishListener {

    void onPublish(PublishedMessage message);

    /**
     * A Basic Ingest message: published to {@code $aws/rules/<ruleName>/...}, it goes to that rule only, never to
     * subscribers. The message's topic is the full topic, prefix included. By default it is handed to
     * {@link #onPublish}, where rules match it as any other message; a rules engine that routes Basic Ingest to the
     * named rule overrides this.
     */
    default void onBasicIngest(String ruleName, PublishedMessage message) {
        onPublish(message);
    }
}
