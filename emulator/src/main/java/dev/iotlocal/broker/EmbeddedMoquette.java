package dev.iotlocal.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

/**
 * Moquette, in memory, on a loopback port only the device gateway uses: it keeps subscriptions, routes messages and
 * holds persistent sessions; the gateway in front of it makes it behave as AWS IoT.
 */
final class EmbeddedMoquette {

    static final String HOST = "127.0.0.1";

    /** Moquette's per-session-thread command queue; its default of 1024 drops messages under a burst. */
    static final int SESSION_QUEUE_SIZE = 65_536;
    /** Room for AWS IoT's largest payload and the longest MQTT topic, so the gateway is the one that refuses. */
    static final int MAX_MESSAGE_BYTES = Topics.MAX_PAYLOAD_BYTES + 65_535 + 16;

    private final Server server;
    private final int port;

    private EmbeddedMoquette(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedMoquette start() {
        // Moquette records a port the system chose from another thread, in a plain HashMap: reading it races
        // (seen: ConcurrentModificationException, or 0). So pick a free port here, and try again if taken meanwhile.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Server server = new Server();
            try {
                server.startServer(new MemoryConfig(properties(port)), List.of());
                return new EmbeddedMoquette(server, port);
            } catch (IOException | RuntimeException e) {
                server.stopServer();
                last = new IllegalStateException("The embedded MQTT broker could not listen on " + HOST + ":" + port
                        + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static Properties properties(int port) {
        Properties properties = new Properties();
        properties.setProperty("host", HOST);
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
        // Moquette drops commands (messages, QoS 1 included) once a session thread's queue of 1024 is full: under
        // a burst of publishers that lost most messages (BENCHMARKS.md). A deep queue holds the burst instead.
        properties.setProperty("session_queue_size", Integer.toString(SESSION_QUEUE_SIZE));
        return properties;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + HOST + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    /** Delivers a message to the subscribers, as from a client; never retained (the gateway keeps retained messages). */
    void publish(String topic, byte[] payload, int qos) {
        server.internalPublish(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, 0),
                Unpooled.wrappedBuffer(payload)), "iotlocal");
    }

    /**
     * Stops Moquette. Its stop waits out Netty's 2-second quiet period; that wait happens on a background thread so
     * that a test suite starting many emulators does not pay it each time.
     */
    void stop() {
        Thread stop = new Thread(server::stopServer, "mqtt-broker-stop-" + port);
        stop.setDaemon(true);
        stop.start();
    }
}
