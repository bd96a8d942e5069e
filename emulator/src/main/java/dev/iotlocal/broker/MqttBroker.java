package dev.iotlocal.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * The MQTT broker: an embedded Moquette, in memory only, that tells a {@link PublishListener} about every message
 * clients publish, and relays clients of other transports (WebSocket) to itself.
 */
public final class MqttBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttBroker.class);

    /** AWS IoT's payload limit (128 KB) plus room for the topic and headers; issue-free frames only. */
    private static final int MAX_MESSAGE_BYTES = 128 * 1024 + 1024;

    private final Server server;
    private final BrokerRelay relay;
    private final int port;
    private final PublishListener listener;
    private final Clock clock;

    private MqttBroker(Server server, BrokerRelay relay, int port, PublishListener listener, Clock clock) {
        this.server = server;
        this.relay = relay;
        this.port = port;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Starts the broker.
     *
     * @throws IllegalStateException when the port cannot be bound, saying which and what to do
     */
    public static MqttBroker start(BrokerSettings settings, PublishListener listener, Clock clock) {
        if (settings.port() != 0) {
            return startOn(settings.host(), settings.port(), listener, clock);
        }
        // Moquette records a port the system chose from another thread, in a plain HashMap: reading it races
        // (seen: ConcurrentModificationException, or 0). So pick a free port here, and try again if taken meanwhile.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOn(settings.host(), freePort(settings.host()), listener, clock);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static MqttBroker startOn(String host, int port, PublishListener listener, Clock clock) {
        Properties properties = new Properties();
        properties.setProperty("host", host);
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled"); // the edge server serves /mqtt
        // An emulator must neither write into the user's working directory nor call out.
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("netty.epoll", "false");
        properties.setProperty("netty.tcp_nodelay", "true");
        properties.setProperty("buffer_flush_millis", "0"); // flush each packet: latency over batching
        properties.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties), List.of(new PublishInterceptor(listener, clock)));
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IllegalStateException("The MQTT broker could not bind " + host + ":" + port + " (" + e.getMessage()
                    + "). Make sure no other process (another broker, e.g. mosquitto) uses that port, or choose another"
                    + " MQTT port (0 picks a free one).", e);
        }
        return new MqttBroker(server, new BrokerRelay(loopbackOf(host), port), port, listener, clock);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + host + ": " + e.getMessage()
                    + ". Use an address of this machine, such as 127.0.0.1.", e);
        }
    }

    private static String loopbackOf(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public int port() {
        return port;
    }

    /** Publishes as the emulator itself (HTTP publish, republish actions); subscribers receive it as from any client. */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        MqttPublishMessage message = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, 0),
                Unpooled.wrappedBuffer(payload));
        server.internalPublish(message, "iotlocal");
        // Moquette tells interceptors only of what clients publish; on AWS, HTTP publishes reach rules too.
        listener.onPublish(new PublishedMessage(topic, payload.clone(), qos, retain, "", clock.instant()));
    }

    /** Opens a relayed connection for a client of another transport. */
    public ClientConnection connect(ClientTransport client) {
        return relay.connect(client);
    }

    /**
     * Stops the broker. Moquette's own stop waits out Netty's 2-second quiet period; that wait happens on a
     * background thread so that a test suite starting many emulators does not pay it each time.
     */
    @Override
    public void close() {
        relay.close();
        Thread stop = new Thread(server::stopServer, "mqtt-broker-stop-" + port);
        stop.setDaemon(true);
        stop.start();
    }

    /** Copies each published message off Moquette's buffers; runs on Moquette's interceptor threads. */
    private static final class PublishInterceptor extends AbstractInterceptHandler {
        private final PublishListener listener;
        private final Clock clock;

        PublishInterceptor(PublishListener listener, Clock clock) {
            this.listener = listener;
            this.clock = clock;
        }

        @Override
        public String getID() {
            return "iotlocal-publish-listener";
        }

        @Override
        public void onPublish(InterceptPublishMessage message) {
            ByteBuf payload = message.getPayload();
            try {
                byte[] bytes = new byte[payload.readableBytes()];
                payload.getBytes(payload.readerIndex(), bytes);
                listener.onPublish(new PublishedMessage(message.getTopicName(), bytes, message.getQos().value(),
                        message.isRetainFlag(), message.getClientID(), clock.instant()));
            } catch (RuntimeException e) {
                log.error("Handling a message published to {} failed", message.getTopicName(), e);
            } finally {
                payload.release(); // Moquette hands each interceptor its own retained duplicate
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            log.error("The MQTT broker's session loop failed", error);
        }
    }
}
