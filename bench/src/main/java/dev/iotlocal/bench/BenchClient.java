package dev.iotlocal.bench;

import dev.iotlocal.junit.NoDelaySocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one MQTT client of every scenario, against the emulator and Mosquitto alike: Paho 1.2.5 (what the seed's
 * function uses), MQTT 3.1.1, clean session, TCP_NODELAY, over {@code tcp://} or {@code ws://}. Received messages
 * are stamped with {@link System#nanoTime()} on Paho's callback thread and queued, or handed to a listener.
 */
final class BenchClient implements MqttLink {

    private final MqttAsyncClient client;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private volatile Consumer<Arrival> listener;
    private volatile Throwable lost;

    private BenchClient(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * @param pings a shared scheduler for keep-alive pings, or null for Paho's own timer thread (one per client)
     */
    static BenchClient connect(String uri, String clientId, Duration timeout, int maxInflight,
                               ScheduledExecutorService pings) throws MqttException {
        MqttAsyncClient paho = pings == null ? new MqttAsyncClient(uri, clientId, new MemoryPersistence())
                : new MqttAsyncClient(uri, clientId, new MemoryPersistence(), new ScheduledExecutorPingSender(pings), null);
        BenchClient client = new BenchClient(paho);
        paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                client.lost = cause;
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Arrival arrival = new Arrival(topic, message.getPayload(), System.nanoTime());
                Consumer<Arrival> current = client.listener;
                if (current != null) {
                    current.accept(arrival);
                } else {
                    client.arrivals.add(arrival);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1); // a refused client does not knock twice
        options.setMaxInflight(maxInflight);
        options.setSocketFactory(new NoDelaySocketFactory());
        try {
            paho.connect(options).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            client.closeQuietly();
            throw e;
        }
        return client;
    }

    /** A {@link MqttLink.Connector} for the seed's browser: Paho over the presigned WebSocket URL. */
    static MqttLink.Connector browsers(ScheduledExecutorService pings) {
        return (url, clientId, timeout) -> connect(url, clientId, timeout, 10, pings);
    }

    @Override
    public void subscribe(String topicFilter, Duration timeout) throws MqttException {
        subscribe(topicFilter, 1, timeout);
    }

    @Override
    public void publish(String topic, byte[] payload) throws MqttException {
        publish(topic, payload, 1, null);
    }

    @Override
    public void publishAndWait(String topic, byte[] payload, Duration timeout) throws MqttException {
        publishAndWait(topic, payload, 1, timeout);
    }

    void subscribe(String topicFilter, int qos, Duration timeout) throws MqttException {
        client.subscribe(topicFilter, qos).waitForCompletion(timeout.toMillis());
    }

    /** Sends without waiting; the listener hears when the broker has it (QoS 1) or when it is written (QoS 0). */
    void publish(String topic, byte[] payload, int qos, IMqttActionListener done) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message, null, done);
    }

    void publishAndWait(String topic, byte[] payload, int qos, Duration timeout) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message).waitForCompletion(timeout.toMillis());
    }

    @Override
    public Arrival take(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** On Paho's callback thread. */
    @Override
    public void onArrival(Consumer<Arrival> newListener) {
        this.listener = newListener;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Why the connection was lost, or null. */
    Throwable lost() {
        return lost;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
