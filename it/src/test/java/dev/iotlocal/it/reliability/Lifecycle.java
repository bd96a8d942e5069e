package dev.iotlocal.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.TestMqttClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS IoT's lifecycle events as a subscriber receives them, kept by client id: the test waits for a client's next
 * {@code connected} or {@code disconnected} event.
 */
final class Lifecycle implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMqttClient watcher;
    private final Map<String, BlockingQueue<JsonNode>> events = new ConcurrentHashMap<>();
    private final Thread reader;

    Lifecycle(String tcpUri) {
        watcher = TestMqttClient.connect(tcpUri, "lifecycle-watcher");
        watcher.subscribe("$aws/events/presence/+/+");
        reader = new Thread(this::read, "lifecycle-watcher");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TestMqttClient.Message message = watcher.takeMessage(Duration.ofDays(1));
                JsonNode event = JSON.readTree(message.payload());
                queue(event.path("clientId").asText()).add(event);
            } catch (InterruptedException e) {
                return;
            } catch (Exception | AssertionError e) {
                // a malformed event fails the test that waits for it: it never arrives
            }
        }
    }

    private BlockingQueue<JsonNode> queue(String clientId) {
        return events.computeIfAbsent(clientId, id -> new LinkedBlockingQueue<>());
    }

    /** The client's next lifecycle event, whichever it is; fails when none comes within the wait. */
    JsonNode next(String clientId, Duration within) throws InterruptedException {
        JsonNode event = queue(clientId).poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("a lifecycle event of %s within %s", clientId, within).isNotNull();
        return event;
    }

    /** Skips the client's {@code connected} event and returns its {@code disconnected} one. */
    JsonNode disconnected(String clientId, Duration within) throws InterruptedException {
        JsonNode event = next(clientId, within);
        if (event.path("eventType").asText().equals("connected")) {
            event = next(clientId, within);
        }
        assertThat(event.path("eventType").asText()).as("%s", event).isEqualTo("disconnected");
        return event;
    }

    /** The events of the client that arrived and were not taken yet. */
    List<JsonNode> pending(String clientId) {
        return List.copyOf(queue(clientId));
    }

    @Override
    public void close() {
        reader.interrupt();
        watcher.close();
    }
}
