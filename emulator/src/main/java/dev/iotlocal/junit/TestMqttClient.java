package dev.iotlocal.junit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 3.1.1 client for tests (Eclipse Paho): what it receives waits in a queue for the test to take.
 * Needs {@code org.eclipse.paho:org.eclipse.paho.client.mqttv3} on the test classpath.
 */
public final class TestMqttClient implements AutoCloseable {

    /** A message as the client received it. */
    public record Message(String topic, byte[] payload, int qos, boolean retained) {
        public String payloadAsString() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CountDownLatch lost = new CountDownLatch(1);
    private boolean sessionPresent;

    private TestMqttClient(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects to {@code ws://...} (a presigned URL) or {@code tcp://host:port}, clean session, keep-alive 30 s.
     *
     * @throws IllegalStateException when the connection is refused, with Paho's reason (its cause)
     */
    public static TestMqttClient connect(String serverUri, String clientId) {
        return connect(serverUri, clientId, true);
    }

    /**
     * Connects as {@link #connect(String, String)}; with {@code cleanSession} false the broker keeps the client's
     * subscriptions and QoS 1 messages while it is away (AWS IoT: for an hour by default).
     */
    public static TestMqttClient connect(String serverUri, String clientId, boolean cleanSession) {
        try {
            MqttClient paho = new MqttClient(serverUri, clientId, new MemoryPersistence());
            TestMqttClient client = new TestMqttClient(paho);
            paho.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    client.lost.countDown();
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    client.received.add(new Message(topic, message.getPayload(), message.getQos(), message.isRetained()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(cleanSession);
            options.setKeepAliveInterval(30);
            options.setConnectionTimeout(10);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // no silent retry as 3.1
            if (serverUri.startsWith("ws:") || serverUri.startsWith("tcp:")) {
                options.setSocketFactory(new NoDelaySocketFactory()); // Paho leaves Nagle on: tens of ms per round trip
            } // wss/ssl (AWS itself): Paho's TLS default

            client.sessionPresent = paho.connectWithResult(options).getSessionPresent();
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT client " + clientId + " could not connect to "
                    + serverUri.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=...") + ": " + e.getMessage(), e);
        }
    }

    /** Whether the broker still had a session for this client id (CONNACK's session present flag). */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    /** Subscribes with QoS 1 and waits for the SUBACK. */
    public TestMqttClient subscribe(String topicFilter) {
        return subscribe(1, topicFilter);
    }

    /**
     * Subscribes to the filters in one SUBSCRIBE and waits for the SUBACK.
     *
     * @throws IllegalStateException when the broker refuses a filter or closes the connection (Paho's reason as cause)
     */
    public TestMqttClient subscribe(int qos, String... topicFilters) {
        int[] qosLevels = new int[topicFilters.length];
        Arrays.fill(qosLevels, qos);
        try {
            client.subscribe(topicFilters, qosLevels);
            return this;
        } catch (MqttException e) {
            throw new IllegalStateException("Subscribing to " + String.join(", ", topicFilters) + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Publishes with QoS 1 and waits for the PUBACK. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1);
    }

    public void publish(String topic, byte[] payload, int qos) {
        publish(topic, payload, qos, false);
    }

    /** Publishes and, with QoS 1, waits for the PUBACK; an IllegalStateException when the broker refuses it. */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(qos);
            message.setRetained(retained);
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new IllegalStateException("Publishing to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    /** The next message received, in order; an AssertionError when none arrives in time. */
    public Message takeMessage(Duration timeout) throws InterruptedException {
        Message message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("No message arrived within " + timeout);
        }
        return message;
    }

    /** The next message received within the timeout, if any: to check that nothing arrives. */
    public Optional<Message> pollMessage(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether the broker closed the connection (without this client asking) within the timeout. */
    public boolean connectionLostWithin(Duration timeout) throws InterruptedException {
        return lost.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
            client.close();
        } catch (MqttException e) {
            // closing a test client: nothing left to do
        }
    }
}
