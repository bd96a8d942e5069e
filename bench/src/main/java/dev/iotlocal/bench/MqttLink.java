package dev.iotlocal.bench;

import java.time.Duration;
import java.util.function.Consumer;

/** What the seed's browser needs of an MQTT client: subscribe, publish with QoS 1, receive. */
interface MqttLink extends AutoCloseable {

    void subscribe(String topicFilter, Duration timeout) throws Exception;

    /** QoS 1, without waiting for the PUBACK. */
    void publish(String topic, byte[] payload) throws Exception;

    /** QoS 1, waiting for the PUBACK. */
    void publishAndWait(String topic, byte[] payload, Duration timeout) throws Exception;

    /** The next message received, or null after the timeout. */
    Arrival take(Duration timeout) throws InterruptedException;

    /** From now on, messages go to the listener instead of the queue. */
    void onArrival(Consumer<Arrival> listener);

    @Override
    void close();

    /** Opens a connection for one browser. */
    @FunctionalInterface
    interface Connector {
        MqttLink connect(String url, String clientId, Duration timeout) throws Exception;
    }
}
