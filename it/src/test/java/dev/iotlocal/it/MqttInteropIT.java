package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.junit.IotLocalExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 3.1.1 clients other than the emulator's own, over TCP and over presigned WebSocket URLs. */
class MqttInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/broker/serverless.yml").build();

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pahoOverTcpAndPahoOverWebSocketExchangeMessages() throws Exception {
        String toBrowser = unique("interop/to-browser");
        String toDevice = unique("interop/to-device");
        try (TestMqttClient device = TestMqttClient.connect(tcp(), unique("device"));
             TestMqttClient browser = TestMqttClient.connect(iot.iot().presignedWebSocketUri().toString(), unique("browser"))) {
            device.subscribe(toDevice);
            browser.subscribe(toBrowser);

            device.publish(toBrowser, "over tcp");
            browser.publish(toDevice, "over websocket");

            assertThat(browser.takeMessage(WAIT).payloadAsString()).isEqualTo("over tcp");
            assertThat(device.takeMessage(WAIT).payloadAsString()).isEqualTo("over websocket");
        }
    }

    /** MQTT.js (npm mqtt 5.x), as browsers and Node services use it. */
    @Nested
    class MqttJs {

        private static final String SCRIPT = """
                const mqtt = require('mqtt');
                const client = mqtt.connect(process.env.URL, {clientId: process.env.CLIENT_ID, protocolVersion: 4,
                    clean: true, reconnectPeriod: 0, connectTimeout: 10000});
                client.on('connect', () => client.subscribe(process.env.SUB, {qos: 1}, (err, granted) => {
                    if (err) { console.log('error ' + err.message); process.exit(2); }
                    console.log('subscribed ' + granted[0].qos);
                    client.publish(process.env.PUB, 'from mqtt.js', {qos: 1}, (e) => console.log('published ' + (e || 'ok')));
                }));
                client.on('message', (topic, payload, packet) => {
                    console.log('message ' + topic + ' ' + payload.toString() + ' retain=' + packet.retain);
                    client.end(false, () => process.exit(0));
                });
                client.on('error', (e) => { console.log('error ' + e.message); process.exit(3); });
                client.on('close', () => console.log('close'));
                """;

        private void exchange(String url) throws Exception {
            Path mqttJs = ExternalTools.npmPackage("npm-mqtt", "mqtt@5.16.0");
            String sub = unique("interop/to-js");
            String pub = unique("interop/from-js");
            try (TestMqttClient paho = TestMqttClient.connect(tcp(), unique("java"))) {
                paho.subscribe(pub);
                Process node = ExternalTools.start(mqttJs, Map.of("URL", url, "CLIENT_ID", unique("mqttjs"), "SUB", sub,
                        "PUB", pub), "node", "-e", SCRIPT);
                try {
                    ExternalTools.Lines lines = new ExternalTools.Lines(node);
                    assertThat(lines.await("subscribed", WAIT)).isEqualTo("subscribed 1");
                    assertThat(paho.takeMessage(WAIT).payloadAsString()).isEqualTo("from mqtt.js");

                    paho.publish(sub, "from java");

                    assertThat(lines.await("message", WAIT)).isEqualTo("message " + sub + " from java retain=false");
                    assertThat(node.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    assertThat(node.exitValue()).as("mqtt.js's exit status; it printed:%n%s", lines.all(WAIT)).isZero();
                } finally {
                    node.destroyForcibly();
                }
            }
        }

        @Test
        void overTcp() throws Exception {
            exchange("mqtt://127.0.0.1:" + iot.iot().mqttPort());
        }

        @Test
        void overAPresignedWebSocketUrl() throws Exception {
            exchange(iot.iot().presignedWebSocketUri().toString());
        }
    }

    /** The mosquitto command line clients (Debian package mosquitto-clients), over TCP. */
    @Nested
    class Mosquitto {

        @Test
        void subscribeAndPublish() throws Exception {
            ExternalTools.requireCommand("mosquitto_pub", "--help");
            String port = Integer.toString(iot.iot().mqttPort());
            String toMosquitto = unique("interop/to-mosquitto");
            String fromMosquitto = unique("interop/from-mosquitto");
            try (TestMqttClient paho = TestMqttClient.connect(tcp(), unique("java"))) {
                paho.subscribe(fromMosquitto);
                Process sub = ExternalTools.start(Path.of("."), Map.of(), "mosquitto_sub", "-h", "127.0.0.1", "-p", port,
                        "-i", unique("mosquitto-sub"), "-q", "1", "-t", toMosquitto, "-C", "1", "-v");
                try {
                    // mosquitto_sub buffers what it prints until it ends (-C 1: after one message), so this cannot
                    // wait for its SUBACK: publish until the message reaches it.
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (!sub.waitFor(200, TimeUnit.MILLISECONDS)) {
                        assertThat(System.nanoTime()).as("mosquitto_sub received nothing").isLessThan(deadline);
                        paho.publish(toMosquitto, "from java");
                    }
                    String output = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(output.trim()).isEqualTo(toMosquitto + " from java");

                    ExternalTools.Result pub = ExternalTools.run(Path.of("."), Map.of(), 30, "mosquitto_pub", "-h",
                            "127.0.0.1", "-p", port, "-i", unique("mosquitto-pub"), "-q", "1", "-t", fromMosquitto,
                            "-m", "from mosquitto");
                    assertThat(pub.exitCode()).as(pub.output()).isZero();
                    assertThat(paho.takeMessage(WAIT).payloadAsString()).isEqualTo("from mosquitto");
                } finally {
                    sub.destroyForcibly();
                }
            }
        }

        @Test
        void aRetainedMessageReachesOnlyAnExactSubscription() throws Exception {
            ExternalTools.requireCommand("mosquitto_pub", "--help");
            String port = Integer.toString(iot.iot().mqttPort());
            String topic = unique("interop/retained") + "/state";
            ExternalTools.Result pub = ExternalTools.run(Path.of("."), Map.of(), 30, "mosquitto_pub", "-h", "127.0.0.1",
                    "-p", port, "-i", unique("mosquitto-pub"), "-q", "1", "-r", "-t", topic, "-m", "kept");
            assertThat(pub.exitCode()).as(pub.output()).isZero();

            // The retained message is the one message this subscription receives (-C 1); -W gives up after 10 s.
            ExternalTools.Result exact = ExternalTools.run(Path.of("."), Map.of(), 30, "mosquitto_sub", "-h",
                    "127.0.0.1", "-p", port, "-i", unique("mosquitto-sub"), "-t", topic, "-C", "1", "-v", "-W", "10");
            assertThat(exact.output().trim()).isEqualTo(topic + " kept");

            ExternalTools.Result wildcard = ExternalTools.run(Path.of("."), Map.of(), 30, "mosquitto_sub", "-h",
                    "127.0.0.1", "-p", port, "-i", unique("mosquitto-sub"), "-t", topic.replace("/state", "/+"),
                    "-C", "1", "-v", "-W", "2");
            assertThat(wildcard.output()).as("a wildcard subscription gets no retained message").doesNotContain("kept");
        }
    }
}
