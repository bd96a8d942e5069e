package dev.iotlocal.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.broker.RawMqttClient.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's behaviour seen by a client that writes MQTT byte by byte. */
class DeviceGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock();
    private final Recorder recorder = new Recorder();
    private MqttBroker broker;

    private MqttBroker start(KeepAlive keepAlive) {
        broker = MqttBroker.start(new BrokerSettings("127.0.0.1", 0), recorder, clock, keepAlive);
        return broker;
    }

    private MqttBroker start() {
        return start(KeepAlive.AWS);
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void relaysQos1MessagesBothWaysWithTheirAcknowledgements() throws Exception {
        start();
        try (RawMqttClient subscriber = RawMqttClient.connected(broker.port(), "sub", true);
             RawMqttClient publisher = RawMqttClient.connected(broker.port(), "pub", true)) {
            assertThat(subscriber.subscribeAndWait("room/+/temp", 1)).containsExactly(1);

            int id = publisher.publish("room/1/temp", "21".getBytes(StandardCharsets.UTF_8), 1, false);
            Packet pubAck = publisher.read(WAIT);

            assertThat(pubAck.type()).isEqualTo(Packet.PUBACK);
            assertThat(pubAck.packetId()).isEqualTo(id);
            Packet delivered = subscriber.read(WAIT);
            assertThat(delivered.topic()).isEqualTo("room/1/temp");
            assertThat(delivered.payload()).isEqualTo("21");
            assertThat(delivered.qos()).isEqualTo(1);
            assertThat(recorder.next("room/1/temp").clientId()).isEqualTo("pub");
        }
    }

    @Test
    void aHashFilterMissesTheParentTopicAndTheDroppedMessagesDoNotStallTheSession() throws Exception {
        start();
        try (RawMqttClient subscriber = RawMqttClient.connected(broker.port(), "sub", true);
             RawMqttClient publisher = RawMqttClient.connected(broker.port(), "pub", true)) {
            subscriber.subscribeAndWait("sensor/#", 1);
            // Moquette (MQTT 3.1.1) matches these; unacknowledged, they would fill its in-flight window.
            for (int i = 0; i < 30; i++) {
                publisher.publish("sensor", "parent " + i, 1, false);
                assertThat(publisher.read(WAIT).type()).isEqualTo(Packet.PUBACK);
            }
            publisher.publish("sensor/1", "child", 1, false);

            Packet delivered = subscriber.read(WAIT);
            assertThat(delivered.topic()).isEqualTo("sensor/1");
            assertThat(delivered.payload()).isEqualTo("child");
        }
    }

    @Nested
    class PersistentSessions {

        @Test
        void storeQos1MessagesUntilTheClientReturnsWithinTheExpiry() throws Exception {
            start();
            try (RawMqttClient publisher = RawMqttClient.connected(broker.port(), "pub", true)) {
                try (RawMqttClient device = RawMqttClient.connected(broker.port(), "device", false)) {
                    device.subscribeAndWait("cmd/device", 1);
                    device.disconnect();
                }
                recorder.next("$aws/events/presence/disconnected/device"); // the session ages from here
                publisher.publish("cmd/device", "while away", 1, false);
                publisher.read(WAIT);
                clock.advance(Duration.ofMinutes(59));

                try (RawMqttClient device = new RawMqttClient(broker.port())) {
                    Packet connAck = device.connect("device", false, 30);
                    assertThat(connAck.body()[0]).as("session present").isEqualTo((byte) 1);
                    Packet stored = device.read(WAIT);
                    assertThat(stored.topic()).isEqualTo("cmd/device");
                    assertThat(stored.payload()).isEqualTo("while away");
                }
            }
        }

        @Test
        void areDiscardedAfterTheExpiry() throws Exception {
            start();
            try (RawMqttClient publisher = RawMqttClient.connected(broker.port(), "pub", true)) {
                try (RawMqttClient device = RawMqttClient.connected(broker.port(), "device", false)) {
                    device.subscribeAndWait("cmd/device", 1);
                    device.disconnect();
                }
                recorder.next("$aws/events/presence/disconnected/device");
                publisher.publish("cmd/device", "too late", 1, false);
                publisher.read(WAIT);
                clock.advance(Duration.ofHours(1));

                try (RawMqttClient device = new RawMqttClient(broker.port())) {
                    Packet connAck = device.connect("device", false, 30);
                    assertThat(connAck.body()[0]).as("session present").isEqualTo((byte) 0);
                    device.pingReq();
                    assertThat(device.read(WAIT).type()).as("no stored message before the PINGRESP")
                            .isEqualTo(Packet.PINGRESP);
                    publisher.publish("cmd/device", "not subscribed any more", 1, false);
                    publisher.read(WAIT);
                    device.pingReq();
                    assertThat(device.read(WAIT).type()).isEqualTo(Packet.PINGRESP);
                }
            }
        }

        @Test
        void doNotStoreQos0Messages() throws Exception {
            start();
            try (RawMqttClient publisher = RawMqttClient.connected(broker.port(), "pub", true)) {
                try (RawMqttClient device = RawMqttClient.connected(broker.port(), "device", false)) {
                    device.subscribeAndWait("cmd/device", 1);
                    device.disconnect();
                }
                publisher.publish("cmd/device", "qos 0", 0, false);
                publisher.publish("cmd/device", "qos 1", 1, false);
                publisher.read(WAIT);

                try (RawMqttClient device = new RawMqttClient(broker.port())) {
                    device.connect("device", false, 30);
                    assertThat(device.read(WAIT).payload()).isEqualTo("qos 1");
                }
            }
        }
    }

    @Nested
    class Connections {

        @Test
        void aSecondConnectionWithTheSameClientIdClosesTheOlderOne() throws Exception {
            start();
            try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
                watcher.subscribeAndWait("$aws/events/presence/+/twin", 1);
                try (RawMqttClient first = RawMqttClient.connected(broker.port(), "twin", true);
                     RawMqttClient second = RawMqttClient.connected(broker.port(), "twin", true)) {
                    assertThat(first.closedWithin(WAIT)).isTrue();
                    second.pingReq();
                    assertThat(second.read(WAIT).type()).isEqualTo(Packet.PINGRESP);

                    JsonNode connected = json(watcher.read(WAIT));
                    JsonNode disconnected = json(watcher.read(WAIT));
                    JsonNode reconnected = json(watcher.read(WAIT));
                    assertThat(connected.get("eventType").asText()).isEqualTo("connected");
                    assertThat(disconnected.get("eventType").asText()).isEqualTo("disconnected");
                    assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
                    assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isFalse();
                    assertThat(disconnected.get("versionNumber").asLong()).isEqualTo(connected.get("versionNumber").asLong());
                    assertThat(reconnected.get("eventType").asText()).isEqualTo("connected");
                    assertThat(reconnected.get("versionNumber").asLong()).isGreaterThan(connected.get("versionNumber").asLong());
                }
            }
        }

        @Test
        void aSilentClientIsDisconnectedAfterOneAndAHalfKeepAlives() throws Exception {
            start(new KeepAlive(1, 1200));
            try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true);
                 RawMqttClient silent = new RawMqttClient(broker.port())) {
                watcher.subscribeAndWait("$aws/events/presence/disconnected/silent", 1);
                silent.connect("silent", true, 1);

                assertThat(silent.closedWithin(WAIT)).isTrue();
                assertThat(json(watcher.read(WAIT)).get("disconnectReason").asText()).isEqualTo("MQTT_KEEP_ALIVE_TIMEOUT");
            }
        }

        @Test
        void aKeepAliveBelowTheMinimumIsRaisedToIt() throws Exception {
            start(new KeepAlive(3, 1200));
            try (RawMqttClient client = new RawMqttClient(broker.port())) {
                client.connect("hasty", true, 1);

                // Asked for 1 s (silence allowed 1.5 s), given 3 s (4.5 s): still there after 2.5 s.
                assertThat(client.closedWithin(Duration.ofMillis(2500))).isFalse();
                assertThat(client.closedWithin(WAIT)).isTrue();
            }
        }

        @Test
        void announcesConnectionsWithAwsFields() throws Exception {
            start();
            try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
                watcher.subscribeAndWait("$aws/events/presence/#", 1);
                try (RawMqttClient device = RawMqttClient.connected(broker.port(), "lamp-1", true)) {
                    device.disconnect();
                }
                JsonNode connected = json(watcher.read(WAIT));
                JsonNode disconnected = json(watcher.read(WAIT));

                assertThat(fieldNames(connected)).containsExactly("clientId", "timestamp", "eventType",
                        "sessionIdentifier", "principalIdentifier", "ipAddress", "versionNumber");
                assertThat(connected.get("clientId").asText()).isEqualTo("lamp-1");
                assertThat(connected.get("timestamp").asLong()).isEqualTo(clock.millis());
                assertThat(connected.get("ipAddress").asText()).isEqualTo("127.0.0.1");
                assertThat(connected.get("sessionIdentifier").asText()).matches("[0-9a-f]{32}");
                assertThat(connected.get("versionNumber").asLong()).isZero();
                assertThat(fieldNames(disconnected)).containsExactly("clientId", "timestamp", "eventType",
                        "sessionIdentifier", "principalIdentifier", "clientInitiatedDisconnect", "disconnectReason",
                        "versionNumber");
                assertThat(disconnected.get("sessionIdentifier")).isEqualTo(connected.get("sessionIdentifier"));
                assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isTrue();
                assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
                assertThat(recorder.next("$aws/events/presence/connected/lamp-1").qos()).isEqualTo(1);
            }
        }

        @Test
        void sendsNoEventsForClientIdsWithWildcards() throws Exception {
            start();
            try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
                watcher.subscribeAndWait("$aws/events/presence/connected/#", 1);
                RawMqttClient.connected(broker.port(), "odd+id", true).close();
                RawMqttClient.connected(broker.port(), "plain", true).close();

                assertThat(watcher.read(WAIT).topic()).isEqualTo("$aws/events/presence/connected/plain");
            }
        }

        @Test
        void publishesTheWillWhenTheConnectionIsLostButNotAfterDisconnect() throws Exception {
            start();
            try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
                watcher.subscribeAndWait("wills/+", 1);
                RawMqttClient polite = new RawMqttClient(broker.port());
                polite.connect("polite", true, 30, "wills/polite", 1);
                polite.disconnect();
                polite.close();
                RawMqttClient lost = new RawMqttClient(broker.port());
                lost.connect("lost", true, 30, "wills/lost", 1);
                lost.close();

                Packet will = watcher.read(WAIT);
                assertThat(will.topic()).isEqualTo("wills/lost");
                assertThat(will.payload()).isEqualTo("gone");
                assertThat(recorder.next("wills/lost").clientId()).isEqualTo("lost");
            }
        }

        @Test
        void aWillWithQos2ClosesTheConnectionWithoutConnack() throws Exception {
            start();
            try (RawMqttClient client = new RawMqttClient(broker.port())) {
                assertThatThrownBy(() -> client.connect("greedy", true, 30, "wills/greedy", 2))
                        .hasMessageContaining("closed the connection");
            }
        }

        @Test
        void aSecondConnectOnTheSameConnectionIsRefused() throws Exception {
            start();
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "twice", true)) {
                client.connect("twice", true, 30);
            } catch (AssertionError closed) {
                assertThat(closed).hasMessageContaining("closed the connection");
                return;
            }
            throw new AssertionError("the second CONNECT was accepted");
        }
    }

    @Nested
    class Refusals {

        @Test
        void areLoggedWithTheRuleAndTheAwsQuotaName() throws Exception {
            start();
            String log = captureStandardError(() -> {
                try (RawMqttClient client = RawMqttClient.connected(broker.port(), "big", true)) {
                    client.publish("t", new byte[131_073], 0, false);
                    assertThat(client.closedWithin(WAIT)).isTrue();
                }
            });
            assertThat(log).contains("Refused a PUBLISH from client 'big'")
                    .contains("the payload is 131073 bytes")
                    .contains("AWS IoT Core quota 'Message size'");
        }

        @Test
        void aQos2PublishIsNotAcknowledgedAndClosesTheConnection() throws Exception {
            start();
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "qos2", true)) {
                client.publish("t", "x", 2, false);
                assertThat(client.closedWithin(WAIT)).isTrue();
            }
            assertThat(recorder.published).noneMatch(m -> m.topic().equals("t"));
        }

        @Test
        void aQos2SubscriptionIsNotAcknowledgedAndClosesTheConnection() throws Exception {
            start();
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "qos2", true)) {
                client.subscribe(List.of("t"), 2);
                assertThat(client.closedWithin(WAIT)).isTrue();
            }
        }

        @Test
        void aClientIdOf128BytesIsAcceptedAnd129Refused() throws Exception {
            start();
            try (RawMqttClient ok = new RawMqttClient(broker.port()); RawMqttClient refused = new RawMqttClient(broker.port())) {
                assertThat(ok.connect("c".repeat(128), true, 30).body()[1]).isZero();
                assertThat(refused.connect("c".repeat(129), true, 30).body()[1]).as("identifier rejected").isEqualTo((byte) 2);
                assertThat(refused.closedWithin(WAIT)).isTrue();
            }
        }
    }

    @Test
    void basicIngestMessagesGoToTheirRuleOnly() throws Exception {
        start();
        try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true);
             RawMqttClient device = RawMqttClient.connected(broker.port(), "device", true)) {
            watcher.subscribeAndWait("$aws/+/ingestRule/#", 1);
            int id = device.publish("$aws/rules/ingestRule/sensors/1", "{\"t\":1}".getBytes(StandardCharsets.UTF_8), 1, false);

            Packet pubAck = device.read(WAIT);
            assertThat(pubAck.type()).isEqualTo(Packet.PUBACK);
            assertThat(pubAck.packetId()).isEqualTo(id);
            assertThat(recorder.basicIngest.poll(10, TimeUnit.SECONDS)).isEqualTo("ingestRule");
            watcher.pingReq();
            assertThat(watcher.read(WAIT).type()).as("no delivery before the PINGRESP").isEqualTo(Packet.PINGRESP);
        }
    }

    @Test
    void aBridgedClientsFirstPacketsSentBeforeTheBridgeIsUpArriveInOrder() throws Exception {
        start();
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        // connect() returns at once (the caller is an HTTP server thread): these are sent while it is being set up.
        // The gateway's event loops are held busy meanwhile, so the bridge cannot be up before they are sent.
        CountDownLatch busy = new CountDownLatch(1);
        broker.gatewayEventLoops().forEach(loop -> loop.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        ClientConnection connection = broker.connect(new ClientOrigin("127.0.0.1", "AKID"), new ClientTransport() {
            @Override
            public void deliver(ByteBuffer bytes) {
                synchronized (decoder) {
                    decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
                    for (Object m; (m = decoder.readInbound()) != null; ) {
                        received.add((MqttMessage) m);
                    }
                }
            }

            @Override
            public void closed() {
            }
        });
        connection.send(encoded(MqttMessageBuilders.connect().clientId("browser").cleanSession(true).keepAlive(30)
                .protocolVersion(MqttVersion.MQTT_3_1_1).build()));
        connection.send(encoded(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE,
                "room/1").build()));
        connection.send(encoded(MqttMessageBuilders.publish().topicName("room/1").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)).build()));
        busy.countDown();
        try {
            assertThat(received.poll(10, TimeUnit.SECONDS).fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
            assertThat(received.poll(10, TimeUnit.SECONDS).fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
            MqttMessage delivered = received.poll(10, TimeUnit.SECONDS);
            assertThat(delivered.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
            assertThat(((MqttPublishMessage) delivered).payload().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
            assertThat(recorder.next("room/1").principal()).isEqualTo("AKID");
        } finally {
            connection.close();
        }
    }

    private static ByteBuffer encoded(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        ByteBuffer copy = ByteBuffer.allocate(bytes.readableBytes());
        bytes.readBytes(copy);
        bytes.release();
        return copy.flip();
    }

    private static JsonNode json(Packet packet) throws IOException {
        assertThat(packet.type()).isEqualTo(Packet.PUBLISH);
        return JSON.readTree(packet.payload());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    interface IoAction {
        void run() throws Exception;
    }

    /** What slf4j-simple writes to standard error while the action runs. */
    private static String captureStandardError(IoAction action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
            // The refusal is logged before the connection closes; the close was awaited.
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Messages the broker hands to its listener, for the rules engine. */
    private static final class Recorder implements PublishListener {
        final BlockingQueue<PublishedMessage> published = new LinkedBlockingQueue<>();
        final BlockingQueue<String> basicIngest = new LinkedBlockingQueue<>();

        @Override
        public void onPublish(PublishedMessage message) {
            published.add(message);
        }

        @Override
        public void onBasicIngest(String ruleName, PublishedMessage message) {
            basicIngest.add(ruleName);
        }

        PublishedMessage next(String topic) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                PublishedMessage message = published.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && message.topic().equals(topic)) {
                    return message;
                }
            }
            throw new AssertionError("No message to " + topic + " reached the listener");
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-05-01T10:00:00Z"));

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
