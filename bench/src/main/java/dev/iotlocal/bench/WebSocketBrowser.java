package dev.iotlocal.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The seed's browser as MQTT.js is: one WebSocket (the JDK's, subprotocol {@code mqtt}), packets written as soon as
 * they are made, PUBACK sent on arrival. Unlike Paho 1.2.5 it does not poll its own threads for 100 ms each while
 * connecting, so a session's figures are the emulator's and the function's, not the test client's. Many browsers
 * share one {@link HttpClient}: a thousand of them cost the driver a handful of threads.
 */
final class WebSocketBrowser implements MqttLink, WebSocket.Listener {

    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Map<Integer, CompletableFuture<Void>> acknowledgements = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final MqttPackets.Reader reader = new MqttPackets.Reader();
    private final AtomicInteger packetIds = new AtomicInteger();
    private final Object sending = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile Consumer<Arrival> listener;
    private volatile WebSocket socket;

    private WebSocketBrowser() {
    }

    static MqttLink.Connector connector(HttpClient http) {
        return (url, clientId, timeout) -> connect(http, url, clientId, timeout);
    }

    static WebSocketBrowser connect(HttpClient http, String url, String clientId, Duration timeout) throws Exception {
        WebSocketBrowser browser = new WebSocketBrowser();
        try {
            browser.socket = http.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(timeout)
                    .buildAsync(URI.create(url), browser).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("No WebSocket upgrade within " + timeout.toMillis() + " ms", e);
        }
        browser.send(MqttPackets.connect(clientId, 60));
        try {
            await(browser.connected, timeout, "CONNACK for " + clientId);
        } catch (Exception e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /** Waits for an answer; a time-out says which answer did not come. */
    private static void await(CompletableFuture<Void> answer, Duration timeout, String what) throws Exception {
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("No " + what + " within " + timeout.toMillis() + " ms", e);
        }
    }

    @Override
    public void subscribe(String topicFilter, Duration timeout) throws Exception {
        int id = nextId();
        CompletableFuture<Void> ack = expect(id);
        send(MqttPackets.subscribe(id, topicFilter, 1));
        await(ack, timeout, "SUBACK for " + topicFilter);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        send(MqttPackets.publish(topic, payload, 1, nextId()));
    }

    @Override
    public void publishAndWait(String topic, byte[] payload, Duration timeout) throws Exception {
        int id = nextId();
        CompletableFuture<Void> ack = expect(id);
        send(MqttPackets.publish(topic, payload, 1, id));
        await(ack, timeout, "PUBACK for a message to " + topic);
    }

    @Override
    public Arrival take(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onArrival(Consumer<Arrival> newListener) {
        this.listener = newListener;
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            try {
                send(MqttPackets.disconnect());
                synchronized (sending) {
                    lastSend = lastSend.thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
                    lastSend.get(2, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    private int nextId() {
        return packetIds.updateAndGet(id -> id >= 65535 ? 1 : id + 1);
    }

    private CompletableFuture<Void> expect(int packetId) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        acknowledgements.put(packetId, ack);
        return ack;
    }

    /** The JDK's WebSocket takes one send at a time: each waits for the one before. */
    private void send(byte[] packet) {
        synchronized (sending) {
            WebSocket ws = socket;
            lastSend = lastSend.thenCompose(ignored -> ws.sendBinary(ByteBuffer.wrap(packet), true));
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        long now = System.nanoTime();
        synchronized (reader) {
            reader.append(data);
            for (MqttPackets.Reader.Packet packet = reader.next(); packet != null; packet = reader.next()) {
                handle(packet, now);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(MqttPackets.Reader.Packet packet, long now) {
        switch (packet.type()) {
            case MqttPackets.CONNACK -> {
                if (packet.body()[1] == 0) {
                    connected.complete(null);
                } else {
                    connected.completeExceptionally(new IllegalStateException("CONNACK refused the connection, code "
                            + packet.body()[1]));
                }
            }
            case MqttPackets.SUBACK, MqttPackets.PUBACK -> {
                CompletableFuture<Void> ack = acknowledgements.remove(packet.packetId(0));
                if (ack != null) {
                    ack.complete(null);
                }
            }
            case MqttPackets.PUBLISH -> {
                int topicLength = packet.packetId(0);
                String topic = new String(packet.body(), 2, topicLength, StandardCharsets.UTF_8);
                int qos = (packet.flags() >> 1) & 0x03;
                int payloadStart = 2 + topicLength + (qos > 0 ? 2 : 0);
                if (qos > 0) {
                    send(MqttPackets.puback(packet.packetId(2 + topicLength)));
                }
                byte[] payload = java.util.Arrays.copyOfRange(packet.body(), payloadStart, packet.body().length);
                Arrival arrival = new Arrival(topic, payload, now);
                Consumer<Arrival> current = listener;
                if (current != null) {
                    current.accept(arrival);
                } else {
                    arrivals.add(arrival);
                }
            }
            default -> {
                // PINGRESP and the like: nothing to do
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        connected.completeExceptionally(new IllegalStateException("WebSocket closed: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connected.completeExceptionally(error);
    }

}
