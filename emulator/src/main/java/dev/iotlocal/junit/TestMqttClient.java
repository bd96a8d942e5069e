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
import java.util.concurrent.BlockingQueue;
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

    private TestMqttClient(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects to {@code ws://...} (a presigned URL) or {@code tcp://host:port}, clean session, keep-alive 30 s.
     *
     * @throws IllegalStateException when the connection is refused, with Paho's reason
     */
    public static TestMqttClient connect(String serverUri, String clientId) {
        try {
            MqttClient paho = new MqttClient(serverUri, clientId, new MemoryPersistence());
            TestMqttClient client = new TestMqttClient(paho);
            paho.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
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
            options.setCleanSession(true);
            options.setKeepAliveInterval(30);
            options.setConnectionTimeout(10);
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // no silent retry as 3.1
            if (serverUri.startsWith("ws:") || serverUri.startsWith("tcp:")) {
                options.setSocketFactory(new NoDelaySocketFactory()); // Paho leaves Nagle on: tens of ms per round trip
            } // wss/ssl (AWS itself): Paho's TLS default

            paho.connect(options);
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT client " + clientId + " could not connect to "
                    + serverUri.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=...") + ": " + e.getMessage(), e);
        }
    }

    /** Subscribes with QoS 1 and waits for the SUBACK. */
    public TestMqttClient subscribe(String topicFilter) {
        try {
            client.subscribe(topicFilter, 1);
            return this;
        } catch (MqttException e) {
            throw new IllegalStateException("Subscribing to " + topicFilter + " failed: " + e.getMessage(), e);
        }
    }

    /** Publishes with QoS 1 and waits for the PUBACK. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1);
    }

    public void publish(String topic, byte[] payload, int qos) {
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(qos);
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
