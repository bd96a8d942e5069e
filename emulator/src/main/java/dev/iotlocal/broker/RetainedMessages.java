package dev.iotlocal.broker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The retained message of each topic, kept by the gateway rather than by Moquette: AWS IoT delivers it only to a
 * subscription whose filter is exactly the topic, never through wildcards.
 */
final class RetainedMessages {

    record Retained(byte[] payload, int qos) {
    }

    private final Map<String, Retained> byTopic = new ConcurrentHashMap<>();

    /** Keeps, replaces or (empty payload) deletes the topic's retained message; ignores messages without RETAIN. */
    void update(String topic, byte[] payload, int qos, boolean retain) {
        if (!retain) {
            return;
        }
        if (payload.length == 0) {
            byTopic.remove(topic);
        } else {
            byTopic.put(topic, new Retained(payload.clone(), qos));
        }
    }

    Optional<Retained> get(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }
}
