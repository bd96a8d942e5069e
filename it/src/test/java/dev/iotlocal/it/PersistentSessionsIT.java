package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persistent sessions (cleanSession=0) as AWS IoT keeps them: subscriptions and QoS 1 messages survive a
 * disconnection until the session expires (1 hour by default, configurable). The emulator's clock is moved by
 * hand, so expiry needs no waiting; these clients use TCP, which signs nothing with that clock.
 */
class PersistentSessionsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock();
    private IotLocal iot;

    private IotLocal start(Duration expiry) throws Exception {
        iot = IotLocal.builder().config(Path.of(getClass().getResource("/broker/serverless.yml").toURI()))
                .edgePort(0).mqttPort(0).clock(clock).persistentSessionExpiry(expiry).build().start();
        return iot;
    }

    @AfterEach
    void stop() {
        if (iot != null) {
            iot.close();
        }
    }

    private String tcp() {
        return "tcp://127.0.0.1:" + iot.mqttPort();
    }

    /** A device that subscribes to its inbox with a persistent session, then goes away. */
    private void subscribeAndLeave(String device) throws Exception {
        try (TestMqttClient client = TestMqttClient.connect(tcp(), device, false)) {
            client.subscribe("inbox/" + device);
        }
        // The session ages from the moment the broker saw the client go.
        iot.takePublish("$aws/events/presence/disconnected/" + device, WAIT).orElseThrow();
    }

    private void send(String device, String payload, int qos) throws Exception {
        try (TestMqttClient sender = TestMqttClient.connect(tcp(), "sender-" + UUID.randomUUID())) {
            sender.publish("inbox/" + device, payload.getBytes(StandardCharsets.UTF_8), qos, false);
        }
    }

    private void publish(String topic, String payload) throws Exception {
        try (TestMqttClient sender = TestMqttClient.connect(tcp(), "sender-" + UUID.randomUUID())) {
            sender.publish(topic, payload);
        }
    }

    @Test
    void storedQos1MessagesAreDeliveredOnReconnectButQos0OnesAreNot() throws Exception {
        start(Duration.ofHours(1));
        String device = "device-" + UUID.randomUUID();
        subscribeAndLeave(device);
        send(device, "qos 0 while away", 0);
        send(device, "qos 1 while away", 1);
        clock.advance(Duration.ofMinutes(59));

        try (TestMqttClient client = TestMqttClient.connect(tcp(), device, false)) {
            assertThat(client.sessionPresent()).isTrue();
            assertThat(client.takeMessage(WAIT).payloadAsString()).isEqualTo("qos 1 while away");
            send(device, "after reconnect", 1); // the subscription was restored without SUBSCRIBE
            assertThat(client.takeMessage(WAIT).payloadAsString()).isEqualTo("after reconnect");
        }
    }

    @Test
    void aSessionExpiresAfterTheConfiguredTime() throws Exception {
        start(Duration.ofMinutes(5));
        String device = "device-" + UUID.randomUUID();
        subscribeAndLeave(device);
        send(device, "too late", 1);
        clock.advance(Duration.ofMinutes(5));

        try (TestMqttClient client = TestMqttClient.connect(tcp(), device, false)) {
            assertThat(client.sessionPresent()).isFalse();
            // Neither the stored message nor the subscription survived: the marker is the first message to arrive.
            client.subscribe("marker/" + device);
            send(device, "not subscribed any more", 1);
            publish("marker/" + device, "marker");
            assertThat(client.takeMessage(WAIT).payloadAsString()).isEqualTo("marker");
        }
    }

    @Test
    void aCleanSessionDiscardsThePersistentOne() throws Exception {
        start(Duration.ofHours(1));
        String device = "device-" + UUID.randomUUID();
        subscribeAndLeave(device);
        send(device, "discarded", 1);

        TestMqttClient.connect(tcp(), device, true).close();
        try (TestMqttClient client = TestMqttClient.connect(tcp(), device, false)) {
            assertThat(client.sessionPresent()).isFalse();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
