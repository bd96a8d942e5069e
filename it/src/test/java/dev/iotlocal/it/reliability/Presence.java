package dev.iotlocal.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.TestMqttClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches AWS IoT's lifecycle events, to tell which clients the broker saw connect and whether each of them has
 * left again: a connection the broker accepted and never closed would be a session left behind.
 */
final class Presence implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMqttClient watcher;
    private final Map<String, Integer> open = new HashMap<>();
    private int connected;

    Presence(String tcpUri) {
        watcher = TestMqttClient.connect(tcpUri, "presence-watcher");
        watcher.subscribe("$aws/events/presence/+/+");
    }

    /** Reads what arrived so far. */
    private synchronized void drain() throws Exception {
        while (true) {
            TestMqttClient.Message message;
            try {
                message = watcher.takeMessage(Duration.ofMillis(200));
            } catch (AssertionError nothingMore) {
                return;
            }
            JsonNode event = JSON.readTree(message.payload());
            String clientId = event.path("clientId").asText();
            boolean connect = event.path("eventType").asText().equals("connected");
            open.merge(clientId, connect ? 1 : -1, Integer::sum);
            if (connect) {
                connected++;
            }
        }
    }

    /** How many connections of the clients were announced so far. */
    synchronized int connectedCount() throws Exception {
        drain();
        return connected;
    }

    /** Waits until every client the predicate picks that was announced connected has been announced gone. */
    void assertAllLeft(Predicate<String> clients, Duration within) {
        await().atMost(within).untilAsserted(() -> {
            drain();
            Map<String, Integer> stillOpen = new TreeMap<>();
            synchronized (this) {
                open.forEach((client, count) -> {
                    if (count != 0 && clients.test(client)) {
                        stillOpen.put(client, count);
                    }
                });
            }
            assertThat(stillOpen).as("clients announced connected and never disconnected").isEmpty();
        });
    }

    @Override
    public void close() {
        watcher.close();
    }
}
