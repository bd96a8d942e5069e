package dev.iotlocal.it;

import dev.iotlocal.junit.NoDelaySocketFactory;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Paho client for the tests: messages it receives wait in a queue for the test to take. */
final class MqttTestClient implements AutoCloseable {

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch lost = new CountDownLatch(1);
    private final boolean sessionPresent;

    /** Connects with a clean session. */
    MqttTestClient(String serverUri, String clientId) throws MqttException {
        this(serverUri, clientId, true);
    }

    MqttTestClient(String serverUri, String clientId, boolean cleanSession) throws MqttException {
        client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.countDown();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.getQos(), message.isRetained()));
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
        options.setSocketFactory(new NoDelaySocketFactory()); // Paho leaves Nagle on: ~40 ms per round trip
        sessionPresent = client.connectWithResult(options).getSessionPresent();
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    void subscribe(String topicFilter) throws MqttException {
        client.subscribe(topicFilter, 1);
    }

    void subscribe(String[] topicFilters, int qos) throws MqttException {
        int[] qosLevels = new int[topicFilters.length];
        java.util.Arrays.fill(qosLevels, qos);
        client.subscribe(topicFilters, qosLevels);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /** The next message received, or an AssertionError after the timeout. */
    Received take(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("No message arrived within " + timeout);
        }
        return next;
    }

    /** The next message received within the timeout, if any: to check that nothing arrives. */
    java.util.Optional<Received> poll(Duration timeout) throws InterruptedException {
        return java.util.Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether the broker closed the connection within the timeout. */
    boolean lostWithin(Duration timeout) throws InterruptedException {
        return lost.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Sends DISCONNECT and closes the connection, keeping the client for no further use. */
    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1_000);
        }
        client.close();
    }
}
