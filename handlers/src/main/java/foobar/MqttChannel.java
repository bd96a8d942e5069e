package foobar;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One Paho MQTT connection over a presigned WebSocket URL. Incoming messages and the loss of the connection
 * land in a queue the handler thread takes from: Paho's callback thread must not publish (the synchronous
 * client can deadlock there), and a queue needs no sleeps.
 */
final class MqttChannel implements AutoCloseable {

    static final int QOS = 1;
    /** AWS IoT treats keep-alives below 30 s as 30 s. */
    static final int KEEP_ALIVE_SECONDS = 30;
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** Paho's connection timeout counts in whole seconds: an attempt needs at least one. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);
    static final Duration UPGRADE_RETRY_PAUSE = Duration.ofMillis(200);

    /** What the handler thread takes from the queue. */
    sealed interface Inbound permits Message, Lost {
    }

    /**
     * A message from the broker. {@code redelivery} is MQTT's DUP flag: the broker sent it again because its
     * PUBACK had not come in time; it keeps the {@code packetId} of its first attempt.
     */
    record Message(String topic, byte[] payload, int packetId, boolean redelivery) implements Inbound {
    }

    record Lost(Throwable cause) implements Inbound {
    }

    /** How long closing waits for a connect that timed out to end, one way or the other, before leaving it. */
    static final Duration CONNECT_SETTLE = Duration.ofSeconds(5);

    private final Client client;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private int attempts = 1;

    private MqttChannel(Client client) {
        this.client = client;
    }

    /**
     * Connects with MQTT 3.1.1 and a clean session. The version is fixed so that a refused CONNECT is not
     * retried with 3.1, and automatic reconnect stays off: a session that lost its connection just ends.
     *
     * <p>Paho 1.2.5 reads the answer to its WebSocket upgrade with a one-second socket timeout, whatever the
     * connection timeout: a server slower than that (a busy host, a cold network path) fails the attempt with "Read
     * timed out". Such an attempt is made again, a little later, while the timeout leaves room for one.
     */
    static MqttChannel connect(String url, String clientId, Duration timeout) throws MqttException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            try {
                MqttChannel channel = connectOnce(url, clientId, left);
                channel.attempts = attempt;
                return channel;
            } catch (MqttException e) {
                if (!upgradeReadTimedOut(e) || !roomForAnotherAttempt(Duration.ofNanos(deadline - System.nanoTime()),
                        attempt)) {
                    throw e;
                }
                try {
                    Thread.sleep(UPGRADE_RETRY_PAUSE.multipliedBy(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How many attempts connecting took (more than one when the WebSocket upgrade was answered slowly). */
    int attempts() {
        return attempts;
    }

    /** Whether, after a pause growing with each attempt, the time left still holds a whole attempt. */
    static boolean roomForAnotherAttempt(Duration left, int attemptsMade) {
        return left.minus(UPGRADE_RETRY_PAUSE.multipliedBy(attemptsMade)).compareTo(MIN_ATTEMPT) >= 0;
    }

    static boolean upgradeReadTimedOut(MqttException e) {
        return e.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                && e.getCause() instanceof SocketTimeoutException;
    }

    private static MqttChannel connectOnce(String url, String clientId, Duration timeout) throws MqttException {
        Client client = new Client(url, clientId);
        MqttChannel channel = new MqttChannel(client);
        client.setCallback(channel.callback()); // before connecting, so nothing can arrive unseen
        try {
            client.connect(options(url, timeout), timeout);
            return channel;
        } catch (MqttException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static MqttConnectOptions options(String url, Duration connectTimeout) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, connectTimeout.toSeconds()));
        options.setSocketFactory(url.startsWith("wss:") ? new NoDelaySslSocketFactory() : new NoDelaySocketFactory());
        return options;
    }

    /** Subscribes at QoS 1; Paho throws when the broker refuses (SUBACK 0x80). */
    void subscribe(String topicFilter, Duration maxWait) throws MqttException {
        client.setTimeToWait(millis(maxWait));
        client.subscribe(topicFilter, QOS);
    }

    /** Publishes at QoS 1 and waits for the PUBACK, at most maxWait. */
    void publish(String topic, byte[] payload, Duration maxWait) throws MqttException {
        client.setTimeToWait(millis(maxWait));
        client.publish(topic, payload, QOS, false);
    }

    /** The next message or connection loss, or null when nothing came within the wait. */
    Inbound next(Duration wait) throws InterruptedException {
        return inbox.poll(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends DISCONNECT and closes, bounded in time, whatever state the connection is in.
     *
     * <p>A connect that timed out goes on in the background, its socket open. Forcing it closed at once races Paho's
     * start of its sender, and Paho's connect thread can then wait forever (docs/iot-broker.md). So closing waits,
     * at most {@link #CONNECT_SETTLE}, for that connect to end: connected, it is disconnected as any connection is;
     * failed, Paho has closed it; still going, it is left to Paho.
     */
    @Override
    public void close() {
        try {
            client.awaitConnectEnd(CONNECT_SETTLE);
            if (client.isConnected()) {
                // disconnect(long) may wait forever. This one always waits the full second timeout (a
                // DISCONNECT gets no reply), and 100 ms is ample for the packet to be written.
                client.disconnectForcibly(100, 100, true);
            }
        } catch (MqttException e) {
            // the connection is going away anyway; close() below releases what is left
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                // nothing more to release
            }
        }
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Message(topic, message.getPayload(), message.getId(), message.isDuplicate()));
            }

            @Override
            public void connectionLost(Throwable cause) {
                inbox.add(new Lost(cause));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publish() already waits for the PUBACK
            }
        };
    }

    /** Paho's synchronous client, keeping the token of its connect, which goes on after a timed-out wait. */
    private static final class Client extends MqttClient {

        private IMqttToken connecting;

        Client(String url, String clientId) throws MqttException {
            super(url, clientId, new MemoryPersistence()); // never writes files
        }

        /** What MqttClient.connect does, with the token kept. */
        void connect(MqttConnectOptions options, Duration timeout) throws MqttException {
            setTimeToWait(millis(timeout));
            connecting = aClient.connect(options, null, null);
            connecting.waitForCompletion(getTimeToWait());
        }

        /** Polls: a token whose wait timed out keeps that exception, and waiting on it again throws at once. */
        void awaitConnectEnd(Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (connecting != null && !connecting.isComplete() && !isConnected() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Paho's time-to-wait, kept between 1 ms (0 would mean forever) and MAX_WAIT. */
    private static long millis(Duration wait) {
        return Math.max(1, Math.min(wait.toMillis(), MAX_WAIT.toMillis()));
    }
}
