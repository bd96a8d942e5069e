package dev.iotlocal.broker;

import dev.iotlocal.broker.RawMqttClient.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed MQTT, packet by named packet, against the device gateway over TCP: each one closes the offending
 * connection (as MQTT 3.1.1 and AWS IoT require), leaves no session behind, and two well-behaved clients exchanging
 * QoS 1 messages all the while (the canary) never miss one.
 */
class HostileFramesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Listener listener = new Listener();
    private MqttBroker broker;
    private Canary canary;

    @BeforeEach
    void start() throws IOException {
        broker = MqttBroker.start(new BrokerSettings("127.0.0.1", 0), listener, Clock.systemUTC());
        canary = new Canary(broker.port());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            canary.stopAndCheck();
            // Every connection opened here, the canary's included, has ended: no session is left behind.
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.disconnected.get())
                    .as("disconnected events").isEqualTo(listener.connected.get()));
        } finally {
            broker.close();
        }
    }

    static Stream<Arguments> beforeConnect() {
        return Stream.of(
                Arguments.of("PUBLISH before CONNECT", packet(0x30, topic("a/b"), bytes("x"))),
                Arguments.of("SUBSCRIBE before CONNECT", packet(0x82, id(1), topic("a/#"), new byte[] {1})),
                Arguments.of("PINGREQ before CONNECT", packet(0xC0)),
                Arguments.of("DISCONNECT before CONNECT", packet(0xE0)),
                Arguments.of("CONNACK from a client", packet(0x20, new byte[] {0, 0})),
                Arguments.of("packet type 0 (reserved)", packet(0x00)),
                Arguments.of("packet type 15 (reserved)", packet(0xF0)),
                Arguments.of("remaining length of 256 MB", new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}),
                Arguments.of("remaining length in five bytes", new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}),
                Arguments.of("remaining length above the gateway's limit", oversizedPublishHeader()),
                Arguments.of("CONNECT naming another protocol", packet(0x10, string("HTTP"), new byte[] {4, 2, 0, 30}, string("c"))),
                Arguments.of("CONNECT with the reserved flag set", packet(0x10, string("MQTT"), new byte[] {4, 3, 0, 30}, string("c"))),
                Arguments.of("CONNECT with an ill-formed UTF-8 client id", packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30},
                        raw(new byte[] {(byte) 0xC3, 0x28}))),
                Arguments.of("CONNECT whose client id is longer than the packet", packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30},
                        new byte[] {0x7F, 0x7F, 'a'})),
                Arguments.of("CONNECT with a will flag and no will", packet(0x10, string("MQTT"), new byte[] {4, 6, 0, 30}, string("c"))),
                Arguments.of("HTTP instead of MQTT", bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beforeConnect")
    void aMalformedOrMisplacedFirstPacketClosesTheConnection(String what, byte[] frame) throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(frame);
            socket.getOutputStream().flush();

            assertClosedWithoutAnswerBut(socket, 0x20);
        }
        assertThat(listener.connected.get()).as("no connection was announced").isEqualTo(Canary.CLIENTS);
    }

    static Stream<Arguments> afterConnect() {
        return Stream.of(
                Arguments.of("PUBLISH to an ill-formed UTF-8 topic", packet(0x30, raw(new byte[] {'a', '/', (byte) 0xC3, 0x28}), bytes("x"))),
                Arguments.of("PUBLISH to a topic holding U+0000", packet(0x30, raw(new byte[] {'a', '/', 0, 'b'}), bytes("x"))),
                Arguments.of("PUBLISH to a topic holding an encoded surrogate", packet(0x30, raw(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}), bytes("x"))),
                Arguments.of("PUBLISH to an overlong-encoded topic", packet(0x30, raw(new byte[] {'a', (byte) 0xC0, (byte) 0xAF}), bytes("x"))),
                Arguments.of("PUBLISH to an empty topic", packet(0x30, raw(new byte[0]), bytes("x"))),
                Arguments.of("PUBLISH with QoS 3", packet(0x36, topic("a/b"), id(1), bytes("x"))),
                Arguments.of("PUBLISH whose topic is longer than the packet", packet(0x30, new byte[] {0x7F, 0x7F, 'a'})),
                Arguments.of("QoS 1 PUBLISH without its packet id", packet(0x32, topic("a/b"))),
                Arguments.of("SUBSCRIBE to an ill-formed UTF-8 filter", packet(0x82, id(1), raw(new byte[] {'a', '/', (byte) 0xFF}), new byte[] {1})),
                Arguments.of("SUBSCRIBE to a filter holding U+0000", packet(0x82, id(1), raw(new byte[] {'a', 0}), new byte[] {1})),
                Arguments.of("SUBSCRIBE with the reserved flags cleared", packet(0x80, id(1), topic("a/#"), new byte[] {1})),
                Arguments.of("SUBSCRIBE asking for QoS 3", packet(0x82, id(1), topic("a/#"), new byte[] {3})),
                Arguments.of("SUBSCRIBE without a filter", packet(0x82, id(1))),
                Arguments.of("UNSUBSCRIBE without a filter", packet(0xA2, id(1))),
                Arguments.of("a second CONNECT", packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30}, string("again"))),
                Arguments.of("SUBACK from a client", packet(0x90, id(1), new byte[] {0})),
                Arguments.of("PINGRESP from a client", packet(0xD0)),
                Arguments.of("PUBREL of the QoS 2 flow", packet(0x62, id(1))),
                Arguments.of("remaining length of 256 MB", new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}),
                Arguments.of("remaining length in five bytes", new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterConnect")
    void aMalformedOrForbiddenPacketOfAConnectedClientClosesItsConnection(String what, byte[] frame) throws Exception {
        try (RawMqttClient client = RawMqttClient.connected(broker.port(), "hostile", true)) {
            client.sendRaw(frame);

            assertThat(client.closedWithin(WAIT)).as("the gateway closed the connection").isTrue();
        }
        assertThat(listener.published).as("nothing from the hostile client reached the rules").isEmpty();
    }

    @Test
    void aClientIdWithControlCharactersGetsNoLifecycleEventThatWouldDisconnectTheirSubscribers() throws Exception {
        try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
            watcher.subscribeAndWait("$aws/events/presence/+/+", 1);
            try (RawMqttClient odd = RawMqttClient.connected(broker.port(), "odd\u0008id", true);
                 RawMqttClient plain = RawMqttClient.connected(broker.port(), "plain", true)) {
                odd.pingReq();
                assertThat(odd.read(WAIT).type()).as("the client itself is served").isEqualTo(Packet.PINGRESP);
            }
            RawMqttClient.Packet first = watcher.read(WAIT);
            watcher.pubAck(first.publishPacketId());
            assertThat(first.topic()).isEqualTo("$aws/events/presence/connected/plain");
        }
    }

    @Test
    void aRedeliveryFlaggedDupIsDeliveredAndEveryOtherClientGoesOnBeingServed() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected(broker.port(), "dup-sub", true);
             RawMqttClient publisher = RawMqttClient.connected(broker.port(), "dup-pub", true)) {
            subscriber.subscribeAndWait("dup/#", 1);
            for (int i = 0; i < 20; i++) { // clients hash to Moquette's session threads: reach them all
                publisher.sendRaw(packet(0x3A, topic("dup/" + i), id(100 + i), bytes("{\"again\":" + i + "}")));
                assertThat(publisher.read(WAIT).type()).as("PUBACK of the redelivery").isEqualTo(Packet.PUBACK);
                RawMqttClient.Packet delivered = subscriber.read(WAIT);
                assertThat(delivered.topic()).isEqualTo("dup/" + i);
                subscriber.pubAck(delivered.publishPacketId());
            }
        }
        for (int i = 0; i < 20; i++) { // new clients, on every session thread, still connect
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "after-dup-" + i, true)) {
                assertThat(client.subscribeAndWait("after/" + i, 1)).containsExactly(1);
            }
        }
    }

    @Nested
    class TruncatedPackets {

        @Test
        void aClientThatLeavesInTheMiddleOfAnyPacketLeavesNothingBehind() throws Exception {
            byte[] connect = packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30}, string("truncated"));
            byte[] subscribe = packet(0x82, id(1), topic("t/#"), new byte[] {1});
            byte[] publish = packet(0x32, topic("t/x"), id(2), bytes("{\"n\":1}"));
            byte[] session = concat(connect, subscribe, publish);
            for (int cut = 1; cut < session.length; cut++) {
                try (Socket socket = connect()) {
                    socket.getOutputStream().write(session, 0, cut);
                    socket.getOutputStream().flush();
                }
            }
            // The last connection is the witness: the gateway still serves.
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "after", true)) {
                client.pingReq();
                assertThat(client.read(WAIT).type()).isEqualTo(Packet.PINGRESP);
            }
        }

        @Test
        void aConnectionThatStopsInTheMiddleOfItsFirstPacketIsClosedAfterTheConnectTimeout() throws Exception {
            List<Socket> silent = new ArrayList<>();
            byte[] connect = packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30}, string("silent"));
            try {
                for (int cut = 0; cut < connect.length; cut += 3) {
                    Socket socket = connect();
                    socket.getOutputStream().write(connect, 0, cut);
                    socket.getOutputStream().flush();
                    silent.add(socket);
                }
                for (Socket socket : silent) {
                    assertClosedWithoutAnswerBut(socket, -1, Duration.ofSeconds(20));
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    @Nested
    class Floods {

        @Test
        void hundredsOfConnectsWithOneClientIdLeaveOneConnectionAndTheRestClosed() throws Exception {
            List<Socket> flood = new ArrayList<>();
            byte[] connect = packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30}, string("twin"));
            try {
                for (int i = 0; i < 200; i++) {
                    Socket socket = connect();
                    socket.getOutputStream().write(connect);
                    socket.getOutputStream().flush();
                    flood.add(socket);
                }
                int open = 0;
                for (Socket socket : flood) {
                    if (!closedWithin(socket, Duration.ofMillis(socket == flood.get(flood.size() - 1) ? 2000 : 10_000))) {
                        open++;
                    }
                }
                assertThat(open).as("connections of client 'twin' left open").isEqualTo(1);
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
        }

        @Test
        void aThousandConnectsInQuickSuccessionAreServedAndEachLeavesWithoutAStackTraceInTheLog() throws Exception {
            String log = captureStandardError(this::flood);

            assertThat(log).doesNotContain("\tat ", "Exception");
            // Those that left during their CONNECT can come back.
            for (int i = 1; i < 1000; i += 100) {
                try (RawMqttClient client = RawMqttClient.connected(broker.port(), "flood-" + i, true)) {
                    client.pingReq();
                    assertThat(client.read(WAIT).type()).isEqualTo(Packet.PINGRESP);
                }
            }
        }

        private void flood() throws Exception {
            for (int i = 0; i < 1000; i++) {
                try (Socket socket = connect()) {
                    socket.getOutputStream().write(packet(0x10, string("MQTT"), new byte[] {4, 2, 0, 30}, string("flood-" + i)));
                    socket.getOutputStream().flush();
                    if (i % 2 == 0) { // half wait for their CONNACK, half leave at once
                        byte[] connAck = socket.getInputStream().readNBytes(4);
                        assertThat(HexFormat.of().formatHex(connAck)).isEqualTo("20020000");
                    }
                }
            }
            // Every one of them has ended on the gateway's side before the log is read.
            await().atMost(WAIT).until(() -> listener.disconnected.get() == listener.connected.get() - Canary.CLIENTS);
        }

        @Test
        void aPubackForAPacketNeverSentIsIgnored() throws Exception {
            try (RawMqttClient client = RawMqttClient.connected(broker.port(), "confused", true)) {
                client.pubAck(4242);
                client.pingReq();

                assertThat(client.read(WAIT).type()).isEqualTo(Packet.PINGRESP);
            }
        }
    }

    // ---- the canary: two well-behaved clients ----

    /** A subscriber and a publisher exchanging QoS 1 messages, each one checked, on a thread of their own. */
    private static final class Canary {
        static final int CLIENTS = 2;

        private final RawMqttClient subscriber;
        private final RawMqttClient publisher;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger roundTrips = new AtomicInteger();
        private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        private final Thread thread;

        Canary(int port) throws IOException {
            subscriber = RawMqttClient.connected(port, "canary-sub", true);
            publisher = RawMqttClient.connected(port, "canary-pub", true);
            subscriber.subscribeAndWait("canary/+", 1);
            thread = new Thread(this::run, "broker-canary");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                for (int n = 0; running.get(); n++) {
                    int id = publisher.publish("canary/" + n, bytes("{\"n\":" + n + "}"), 1, false);
                    Packet pubAck = publisher.read(WAIT);
                    if (pubAck.type() != Packet.PUBACK || pubAck.packetId() != id) {
                        throw new AssertionError("round trip " + n + ": expected the PUBACK of " + id + ", got " + pubAck);
                    }
                    Packet delivered = subscriber.read(WAIT);
                    if (!delivered.topic().equals("canary/" + n) || !delivered.payload().equals("{\"n\":" + n + "}")) {
                        throw new AssertionError("round trip " + n + ": got " + delivered.topic() + " " + delivered.payload());
                    }
                    subscriber.pubAck(delivered.publishPacketId());
                    roundTrips.incrementAndGet();
                    Thread.sleep(5); // the canary's rhythm
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }

        /** Lets one more round trip complete (the gateway still serves after the hostile input), then stops. */
        void stopAndCheck() throws Exception {
            int before = roundTrips.get();
            await().atMost(WAIT).until(() -> roundTrips.get() > before || !failures.isEmpty());
            running.set(false);
            thread.join(WAIT.toMillis() * 3);
            subscriber.close();
            publisher.close();
            assertThat(failures).as("the canary's round trips").isEmpty();
            assertThat(roundTrips.get()).as("round trips of the canary").isPositive();
        }
    }

    /** Counts what the broker announces: connections and their ends, and messages from anyone but the canary. */
    private static final class Listener implements PublishListener {
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger disconnected = new AtomicInteger();
        final BlockingQueue<PublishedMessage> published = new LinkedBlockingQueue<>();

        @Override
        public void onPublish(PublishedMessage message) {
            if (message.topic().startsWith("$aws/events/presence/connected/")) {
                connected.incrementAndGet();
            } else if (message.topic().startsWith("$aws/events/presence/disconnected/")) {
                disconnected.incrementAndGet();
            } else if (!message.topic().startsWith("canary/")) {
                published.add(message);
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** What the gateway (and Moquette behind it) log while the action runs. */
    private static String captureStandardError(Action action) throws Exception {
        java.io.PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    // ---- raw sockets and packets ----

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", broker.port());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Reads until the gateway closes; only a packet of {@code allowedType} (its first byte) may come first. */
    private static void assertClosedWithoutAnswerBut(Socket socket, int allowedType) throws IOException {
        assertClosedWithoutAnswerBut(socket, allowedType, WAIT);
    }

    private static void assertClosedWithoutAnswerBut(Socket socket, int allowedType, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                received.write(b);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("The gateway left the connection open for " + within);
        } catch (IOException reset) {
            // closed by the gateway
        }
        byte[] answer = received.toByteArray();
        if (answer.length > 0) {
            assertThat(answer[0] & 0xF0).as("the only answer allowed, got %s", HexFormat.of().formatHex(answer))
                    .isEqualTo(allowedType);
        }
    }

    private static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a CONNACK, then the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    static byte[] packet(int firstByte, byte[]... parts) {
        byte[] body = concat(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 128 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A PUBLISH header announcing one byte more than the gateway reads, and the first bytes of it. */
    private static byte[] oversizedPublishHeader() {
        byte[] header = packet(0x30, new byte[0]);
        int length = EmbeddedMoquette.MAX_MESSAGE_BYTES + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 128 : digit);
        } while (length > 0);
        out.writeBytes(topic("a/b"));
        out.writeBytes(new byte[1024]);
        return header.length > 0 ? out.toByteArray() : header;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] string(String value) {
        return raw(value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] topic(String value) {
        return string(value);
    }

    /** A length-prefixed MQTT string of exactly these bytes, valid UTF-8 or not. */
    static byte[] raw(byte[] value) {
        return concat(new byte[] {(byte) (value.length >> 8), (byte) value.length}, value);
    }

    static byte[] id(int packetId) {
        return new byte[] {(byte) (packetId >> 8), (byte) packetId};
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
