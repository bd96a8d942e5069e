package dev.iotlocal.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * AWS IoT's presence events, {@code $aws/events/presence/connected/<clientId>} and
 * {@code .../disconnected/<clientId>}, with the fields of life-cycle-events.md, published like any message so
 * subscribers and rules see them.
 */
final class LifecycleEvents {

    /** One connection, as its events describe it. */
    record Connection(String clientId, String sessionIdentifier, ClientOrigin origin, long versionNumber) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageRouter router;
    private final Clock clock;

    LifecycleEvents(MessageRouter router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    void connected(Connection connection) {
        if (announced(connection)) {
            ObjectNode event = common(connection, "connected");
            event.put("ipAddress", connection.origin().ipAddress());
            event.put("versionNumber", connection.versionNumber());
            publish("connected", connection, event);
        }
    }

    void disconnected(Connection connection, DisconnectReason reason) {
        if (announced(connection)) {
            ObjectNode event = common(connection, "disconnected");
            event.put("clientInitiatedDisconnect", reason == DisconnectReason.CLIENT_INITIATED_DISCONNECT);
            event.put("disconnectReason", reason.name());
            event.put("versionNumber", connection.versionNumber());
            publish("disconnected", connection, event);
        }
    }

    /**
     * AWS IoT sends no events for client ids containing # or + (life-cycle-events.md). Nor does the emulator for
     * those with control characters: in a topic, MQTT 3.1.1 (1.5.3) lets receivers close the connection over them,
     * and Paho does, so one such client would disconnect every subscriber of the events. [unverified on AWS]
     */
    private static boolean announced(Connection connection) {
        String clientId = connection.clientId();
        return !clientId.contains("#") && !clientId.contains("+")
                && clientId.chars().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F));
    }

    private ObjectNode common(Connection connection, String eventType) {
        ObjectNode event = JSON.createObjectNode();
        event.put("clientId", connection.clientId());
        event.put("timestamp", clock.millis());
        event.put("eventType", eventType);
        event.put("sessionIdentifier", connection.sessionIdentifier());
        event.put("principalIdentifier", connection.origin().principal());
        return event;
    }

    private void publish(String eventType, Connection connection, ObjectNode event) {
        String topic = "$aws/events/presence/" + eventType + "/" + connection.clientId();
        router.publish(new PublishedMessage(topic, event.toString().getBytes(StandardCharsets.UTF_8), 1, false, "", "",
                clock.instant()));
    }
}
