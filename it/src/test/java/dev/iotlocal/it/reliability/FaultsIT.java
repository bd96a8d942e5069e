package dev.iotlocal.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.iotlocal.it.reliability.MqttFrames.bytes;
import static dev.iotlocal.it.reliability.MqttFrames.id;
import static dev.iotlocal.it.reliability.MqttFrames.packet;
import static dev.iotlocal.it.reliability.MqttFrames.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults next to live traffic, with a canary session that must never miss a PONG: clients that vanish without
 * DISCONNECT (browsers over the presigned WebSocket, devices over MQTT TCP), and a function's execution environment
 * ended in the middle of its MQTT session (System.exit, its timeout).
 */
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final Pattern ANSWERED = Pattern.compile("channel (\\S+): answered (\\d+) request\\(s\\), stopped: ([^\"]+)");

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(config())
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "2"))
            .resetBetweenTests(false)
            .build();

    private static Canary canary;
    private static Lifecycle lifecycle;
    private static final Map<String, Invocation> mqttInvocations = new ConcurrentHashMap<>();

    private static Path config() {
        try {
            return Path.of(FaultsIT.class.getResource("/faults/serverless.yml").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void startCanary() {
        iot.iot().lambda().onInvocation(invocation -> {
            Matcher answered = ANSWERED.matcher(invocation.result().payloadAsString());
            if (invocation.functionName().endsWith("-mqtt") && answered.find()) {
                mqttInvocations.put(answered.group(1), invocation);
            }
        });
        lifecycle = new Lifecycle(tcpUri());
        canary = Canary.start(iot.apiUrl("/"));
    }

    @AfterAll
    static void checkCanary() throws Exception {
        try {
            List<SessionReport> sessions = canary.stopAndCheck();
            System.out.println("faults: canary: " + sessions.size() + " sessions, "
                    + sessions.stream().mapToInt(SessionReport::requests).sum() + " round trips, none missed");
        } finally {
            lifecycle.close();
        }
    }

    private static String tcpUri() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    @Test
    void clientsThatVanishWithoutDisconnectAreAnnouncedLostTheirIdsAreFreeAndNobodyElseLosesAPong() throws Exception {
        int keepers = 4;
        int cutters = 4;
        int requestsBeforeCut = 5;
        AtomicBoolean cutsDone = new AtomicBoolean();
        AtomicInteger keeperRoundTrips = new AtomicInteger();
        try (SeedBrowsers browsers = new SeedBrowsers(iot.apiUrl("/"));
             TestMqttClient devicesWatcher = TestMqttClient.connect(tcpUri(), "devices-watcher")) {
            devicesWatcher.subscribe("devices/#");
            // Sessions with traffic until every cut is done, so that each cut happens while they talk.
            List<CompletableFuture<SessionReport>> kept = new ArrayList<>();
            for (int i = 0; i < keepers; i++) {
                kept.add(browsers.session(SeedSession.Plan.of(Duration.ofMinutes(3), Duration.ofMillis(100))
                        .watched(() -> !cutsDone.get(), keeperRoundTrips::incrementAndGet)));
            }
            await().atMost(ARRIVAL).until(() -> keeperRoundTrips.get() >= keepers * 2);

            List<CompletableFuture<SessionReport>> cut = new ArrayList<>();
            for (int i = 0; i < cutters; i++) {
                cut.add(browsers.session(SeedSession.Plan.of(Duration.ofMinutes(3), Duration.ofMillis(50))
                        .requests(requestsBeforeCut).cutting()));
            }
            List<SessionReport> cutReports = new ArrayList<>();
            for (CompletableFuture<SessionReport> session : cut) {
                cutReports.add(session.get(3, TimeUnit.MINUTES));
            }
            // Devices over MQTT TCP with a last will: one connection reset, one closed (FIN), both without DISCONNECT.
            int before = keeperRoundTrips.get();
            Device reset = Device.connect(iot.iot().mqttPort(), "device-reset");
            Device closed = Device.connect(iot.iot().mqttPort(), "device-closed");
            reset.publishQos1(3);
            closed.publishQos1(3);
            reset.cut();
            closed.close();
            await().atMost(ARRIVAL).until(() -> keeperRoundTrips.get() > before); // the keepers talked throughout
            cutsDone.set(true);

            // The cut browsers: everything they sent was answered before the cut, the broker announces each as lost
            // (not as a DISCONNECT), and each one's function ends as the handler decides: idle, every request answered.
            assertThat(cutReports).allSatisfy(report -> assertThat(report.lostNothing()).as("%s", report).isTrue())
                    .allSatisfy(report -> assertThat(report.requests()).isEqualTo(requestsBeforeCut));
            for (SessionReport report : cutReports) {
                assertLost(lifecycle.disconnected("browser-" + report.channel(), ARRIVAL));
                JsonNode functionLeft = lifecycle.disconnected("foobar-mqtt-" + report.channel(), ARRIVAL);
                assertThat(functionLeft.path("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
                await().atMost(ARRIVAL).until(() -> mqttInvocations.containsKey(report.channel()));
                Invocation function = mqttInvocations.get(report.channel());
                assertThat(function.succeeded()).as(function.result().payloadAsString()).isTrue();
                Matcher answered = ANSWERED.matcher(function.result().payloadAsString());
                assertThat(answered.find()).isTrue();
                assertThat(answered.group(2)).isEqualTo(String.valueOf(requestsBeforeCut));
                assertThat(answered.group(3)).isEqualTo("idle");
            }

            // The devices: announced lost, their wills published, their messages all delivered before.
            for (String device : List.of("device-reset", "device-closed")) {
                assertLost(lifecycle.disconnected(device, ARRIVAL));
            }
            Map<String, List<String>> received = new ConcurrentHashMap<>();
            await().atMost(ARRIVAL).untilAsserted(() -> {
                TestMqttClient.Message message = devicesWatcher.takeMessage(ARRIVAL);
                received.computeIfAbsent(message.topic(), t -> new ArrayList<>()).add(message.payloadAsString());
                assertThat(received).containsEntry("devices/device-reset/status", List.of("offline"))
                        .containsEntry("devices/device-closed/status", List.of("offline"));
            });
            assertThat(received).containsEntry("devices/device-reset/data", List.of("1", "2", "3"))
                    .containsEntry("devices/device-closed/data", List.of("1", "2", "3"));

            // The client ids are free at once: the same ids connect again and stay connected.
            String browserId = "browser-" + cutReports.get(0).channel();
            for (String clientId : List.of(browserId, "device-reset")) {
                String uri = clientId.startsWith("browser-") ? iot.iot().presignedWebSocketUri().toString() : tcpUri();
                try (TestMqttClient again = TestMqttClient.connect(uri, clientId)) {
                    again.subscribe("again/" + clientId);
                    again.publish("again/" + clientId, "back");
                    assertThat(again.takeMessage(ARRIVAL).payloadAsString()).isEqualTo("back");
                    assertThat(lifecycle.next(clientId, ARRIVAL).path("eventType").asText()).isEqualTo("connected");
                    assertThat(again.isConnected()).isTrue();
                    assertThat(lifecycle.pending(clientId)).as("events of %s while connected again", clientId).isEmpty();
                }
                assertThat(lifecycle.disconnected(clientId, ARRIVAL).path("disconnectReason").asText())
                        .isEqualTo("CLIENT_INITIATED_DISCONNECT");
            }

            for (CompletableFuture<SessionReport> session : kept) {
                SessionReport report = session.get(3, TimeUnit.MINUTES);
                assertThat(report.lostNothing()).as("a session next to the cuts: %s", report).isTrue();
            }
            System.out.printf("faults: %d browsers and 2 devices cut without DISCONNECT next to %d sessions (%d round"
                    + " trips meanwhile, none missed)%n", cutters, keepers, keeperRoundTrips.get());
        }
    }

    /** A client gone without DISCONNECT, as AWS IoT announces it. */
    private static void assertLost(JsonNode event) {
        assertThat(event.path("clientInitiatedDisconnect").asBoolean(true)).as("%s", event).isFalse();
        assertThat(event.path("disconnectReason").asText()).as("%s", event).isEqualTo("CONNECTION_LOST");
    }

    @Test
    void aFunctionThatExitsMidSessionIsReportedAsExitedItsConnectionDropsAndTheNextSessionStartsFresh() throws Exception {
        abandonedSession("quitter", true);
    }

    @Test
    void aFunctionPastItsTimeoutMidSessionIsReportedAsTimedOutItsConnectionDropsAndTheNextSessionStartsFresh() throws Exception {
        abandonedSession("staller", false);
    }

    /** Two sessions of a function that ends its environment with its MQTT connection open (exit or timeout). */
    private void abandonedSession(String function, boolean exit) throws Exception {
        for (int session = 1; session <= 2; session++) {
            String channel = function + "-" + session + "-" + System.nanoTime();
            String clientId = "hostile-mqtt-" + channel;
            try (TestMqttClient browser = TestMqttClient.connect(tcpUri(), "driver-" + channel)) {
                browser.subscribe("foobar/" + channel + "/response");
                browser.subscribe("foobar/" + channel + "/will");
                CompletableFuture<Invocation> invocation = iot.iot().lambda().invoke(function, JSON.writeValueAsBytes(
                        Map.of("channelId", channel, "broker", tcpUri())));
                assertThat(take(browser, "foobar/" + channel + "/response")).contains("ready");
                for (int n = 1; n <= 3; n++) {
                    browser.publish("foobar/" + channel + "/request", "{\"n\":" + n + "}");
                    assertThat(take(browser, "foobar/" + channel + "/response")).contains("PONG");
                }
                if (exit) {
                    browser.publish("foobar/" + channel + "/request", "{\"exit\":true}");
                }
                Invocation ended = invocation.get(2, TimeUnit.MINUTES);

                assertThat(ended.succeeded()).isFalse();
                assertThat(ended.coldStart()).as("session %d runs in a fresh environment", session).isTrue();
                JsonNode error = JSON.readTree(ended.result().payload());
                if (exit) {
                    assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
                    assertThat(error.path("errorMessage").asText()).endsWith("Runtime exited with error: exit status 3");
                } else {
                    assertThat(ended.timedOut()).isTrue();
                    assertThat(error.path("errorMessage").asText()).containsPattern("Task timed out after 8\\.\\d\\d seconds");
                }
                // The environment's process is gone on AWS: its connection drops, the broker says so and sends the will.
                JsonNode left = lifecycle.disconnected(clientId, ARRIVAL);
                System.out.println("faults: " + function + " session " + session + ": " + left);
                assertLost(left);
                assertThat(take(browser, "foobar/" + channel + "/will")).isEqualTo("{\"gone\":true}");
            }
        }
        canary.awaitRoundTrip(ARRIVAL);
    }

    private static String take(TestMqttClient client, String topic) throws InterruptedException {
        TestMqttClient.Message message = client.takeMessage(ARRIVAL);
        assertThat(message.topic()).as(message.payloadAsString()).isEqualTo(topic);
        return message.payloadAsString();
    }

    /** A device speaking MQTT 3.1.1 over a raw socket, so that it can vanish without DISCONNECT. */
    private static final class Device implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final String clientId;

        private Device(Socket socket, String clientId) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.clientId = clientId;
        }

        /** Connects with a last will of "offline" (QoS 1) on devices/<id>/status and waits for the CONNACK. */
        static Device connect(int port, String clientId) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ARRIVAL.toMillis());
            Device device = new Device(socket, clientId);
            device.write(packet(0x10, string("MQTT"), new byte[] {4, 0x02 | 0x04 | 0x08, 0, 60}, string(clientId),
                    string("devices/" + clientId + "/status"), string("offline")));
            assertThat(device.read()).as("CONNACK").containsExactly(0x20, 2, 0, 0);
            return device;
        }

        /** Publishes 1..count with QoS 1 to devices/<id>/data, each acknowledged before the next. */
        void publishQos1(int count) throws IOException {
            for (int n = 1; n <= count; n++) {
                write(packet(0x32, string("devices/" + clientId + "/data"), id(n), bytes(String.valueOf(n))));
                assertThat(read()).as("PUBACK").containsExactly(0x40, 2, 0, n);
            }
        }

        private void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** One packet of at most 127 bytes, as unsigned bytes. */
        private int[] read() throws IOException {
            int type = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            int[] packet = new int[2 + length];
            packet[0] = type;
            packet[1] = length;
            for (int i = 0; i < length; i++) {
                packet[2 + i] = in.readUnsignedByte();
            }
            return packet;
        }

        /** Resets the connection: the broker reads an error, not an end of stream. */
        void cut() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
