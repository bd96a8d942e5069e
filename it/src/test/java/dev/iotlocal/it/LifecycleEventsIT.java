package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS IoT's presence events: published to subscribers and to rules, over TCP and WebSocket. */
class LifecycleEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/broker/serverless.yml").build();

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode json(TestMqttClient.Message received) throws Exception {
        return JSON.readTree(received.payloadAsString());
    }

    @Test
    void aConnectionAndItsEndAreAnnouncedToSubscribers() throws Exception {
        String device = id("device");
        try (TestMqttClient watcher = TestMqttClient.connect(tcp(), id("watcher"))) {
            watcher.subscribe("$aws/events/presence/+/" + device);
            TestMqttClient.connect(tcp(), device).close();

            TestMqttClient.Message connected = watcher.takeMessage(WAIT);
            TestMqttClient.Message disconnected = watcher.takeMessage(WAIT);
            assertThat(connected.topic()).isEqualTo("$aws/events/presence/connected/" + device);
            assertThat(json(connected).get("clientId").asText()).isEqualTo(device);
            assertThat(json(connected).get("eventType").asText()).isEqualTo("connected");
            assertThat(json(connected).get("ipAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(json(connected).get("timestamp").asLong()).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
            assertThat(disconnected.topic()).isEqualTo("$aws/events/presence/disconnected/" + device);
            assertThat(json(disconnected).get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
            assertThat(json(disconnected).get("clientInitiatedDisconnect").asBoolean()).isTrue();
            assertThat(json(disconnected).get("sessionIdentifier")).isEqualTo(json(connected).get("sessionIdentifier"));
        }
    }

    @Test
    void aConnectedEventTriggersARule() throws Exception {
        String device = id("rule-device");
        TestMqttClient.connect(tcp(), device).close();

        JsonNode event = presenceEventOf(device);
        assertThat(event.get("eventType").asText()).isEqualTo("connected");
        assertThat(event.get("versionNumber").asLong()).isZero();
    }

    /** The event the presence rule's function got for this client (other tests' clients trigger it too). */
    private static JsonNode presenceEventOf(String clientId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Invocation invocation = iot.takeInvocation("presence", WAIT);
            JsonNode event = JSON.readTree(invocation.event());
            if (event.path("clientId").asText().equals(clientId)) {
                return event;
            }
        }
        throw new AssertionError("The presence rule did not run for " + clientId);
    }

    @Test
    void aWebSocketClientIsAnnouncedWithTheAccessKeyItSignedWith() throws Exception {
        String device = id("browser");
        try (TestMqttClient client = TestMqttClient.connect(iot.iot().presignedWebSocketUri().toString(), device)) {
            PublishedMessage connected = iot.takePublish("$aws/events/presence/connected/" + device, WAIT);
            JsonNode event = JSON.readTree(connected.payload());
            assertThat(event.get("principalIdentifier").asText()).isEqualTo(iot.iot().accessKey());
            assertThat(event.get("ipAddress").asText()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aLostConnectionAndAReplacedOneSayWhy() throws Exception {
        String device = id("twin");
        try (TestMqttClient watcher = TestMqttClient.connect(tcp(), id("watcher"))) {
            watcher.subscribe("$aws/events/presence/disconnected/" + device);
            try (TestMqttClient first = TestMqttClient.connect(tcp(), device);
                 TestMqttClient second = TestMqttClient.connect(tcp(), device)) {
                assertThat(first.connectionLostWithin(WAIT)).isTrue();
                assertThat(json(watcher.takeMessage(WAIT)).get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
            }
            assertThat(json(watcher.takeMessage(WAIT)).get("disconnectReason").asText())
                    .isEqualTo("CLIENT_INITIATED_DISCONNECT");
        }
    }
}
