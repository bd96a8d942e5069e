package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.junit.IotLocalExtension;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS IoT's limits at their boundaries, through Paho over TCP and over WebSocket: the limit is accepted, one more is
 * refused as AWS IoT refuses it (the connection is closed; a refused CONNECT gets its return code).
 */
class BrokerLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/broker/serverless.yml").build();

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes, and shows the message reached a subscriber: the limit was accepted. */
    private static void assertDelivered(String serverUri, String topic, byte[] payload) throws Exception {
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("sub"));
             TestMqttClient publisher = TestMqttClient.connect(serverUri, id("pub"))) {
            subscriber.subscribe(topic);
            publisher.publish(topic, payload, 1, false);

            TestMqttClient.Message received = subscriber.takeMessage(WAIT);
            assertThat(received.topic()).isEqualTo(topic);
            assertThat(received.payloadAsString().length()).isEqualTo(new String(payload, StandardCharsets.UTF_8).length());
        }
    }

    /** Publishes, and shows the broker closed the connection instead of acknowledging. */
    private static void assertRefused(String serverUri, String topic, byte[] payload, int qos, boolean retain)
            throws Exception {
        try (TestMqttClient publisher = TestMqttClient.connect(serverUri, id("pub"))) {
            assertThatThrownBy(() -> publisher.publish(topic, payload, qos, retain)).hasCauseInstanceOf(MqttException.class);
            assertThat(publisher.connectionLostWithin(WAIT)).isTrue();
        }
    }

    private static String topicOf(int bytes) {
        return "limits/" + "a".repeat(bytes - 7);
    }

    @Nested
    class Payload {

        @Test
        void of128KbIsDeliveredAndOneByteMoreClosesTheConnection() throws Exception {
            assertDelivered(tcp(), "limits/payload", new byte[131_072]);
            assertRefused(tcp(), "limits/payload", new byte[131_073], 1, false);
        }

        @Test
        void isLimitedOverWebSocketToo() throws Exception {
            assertDelivered(iot.iot().presignedWebSocketUri().toString(), "limits/ws-payload", new byte[131_072]);
            assertRefused(iot.iot().presignedWebSocketUri().toString(), "limits/ws-payload", new byte[131_073], 1, false);
        }
    }

    @Nested
    class Topics {

        @Test
        void of256BytesIsDeliveredAnd257ClosesTheConnection() throws Exception {
            assertDelivered(tcp(), topicOf(256), new byte[1]);
            assertRefused(tcp(), topicOf(257), new byte[1], 1, false);
        }

        @Test
        void withSevenSlashesIsDeliveredAndEightClosesTheConnection() throws Exception {
            assertDelivered(tcp(), "l/2/3/4/5/6/7/8", new byte[1]);
            assertRefused(tcp(), "l/2/3/4/5/6/7/8/9", new byte[1], 1, false);
        }

        @Test
        void ofBasicIngestDoNotCountTheirPrefix() throws Exception {
            try (TestMqttClient publisher = TestMqttClient.connect(tcp(), id("ingest"))) {
                publisher.publish("$aws/rules/telemetryRule/1/2/3/4/5/6/7/8", new byte[1], 1, false);
                assertThat(publisher.isConnected()).isTrue();
            }
            assertRefused(tcp(), "$aws/rules/telemetryRule/1/2/3/4/5/6/7/8/9", new byte[1], 1, false);
        }

        @Test
        void filtersFollowTheSameLimits() throws Exception {
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("sub"))) {
                subscriber.subscribe("l/+/3/4/5/6/7/#");
                subscriber.subscribe(topicOf(256));
                assertThat(subscriber.isConnected()).isTrue();
            }
            for (String filter : new String[] {"l/+/3/4/5/6/7/8/#", topicOf(257)}) {
                try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("sub"))) {
                    assertThatThrownBy(() -> subscriber.subscribe(filter)).hasCauseInstanceOf(MqttException.class);
                    assertThat(subscriber.connectionLostWithin(WAIT)).isTrue();
                }
            }
        }
    }

    @Nested
    class Subscribe {

        @Test
        void takesEightFiltersAndClosesTheConnectionOnNine() throws Exception {
            String[] eight = new String[8];
            String[] nine = new String[9];
            for (int i = 0; i < 9; i++) {
                if (i < 8) {
                    eight[i] = "limits/filter/" + i;
                }
                nine[i] = "limits/filter/" + i;
            }
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("eight"))) {
                subscriber.subscribe(1, eight);
                assertThat(subscriber.isConnected()).isTrue();
            }
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("nine"))) {
                assertThatThrownBy(() -> subscriber.subscribe(1, nine)).hasCauseInstanceOf(MqttException.class);
                assertThat(subscriber.connectionLostWithin(WAIT)).isTrue();
            }
        }

        @Test
        void withQos2ClosesTheConnectionWithoutSuback() throws Exception {
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), id("qos2"))) {
                assertThatThrownBy(() -> subscriber.subscribe(2, "limits/qos2"))
                        .hasCauseInstanceOf(MqttException.class);
                assertThat(subscriber.connectionLostWithin(WAIT)).isTrue();
            }
        }
    }

    @Nested
    class Connect {

        @Test
        void takesAClientIdOf128BytesAndRefuses129WithIdentifierRejected() throws Exception {
            try (TestMqttClient client = TestMqttClient.connect(tcp(), "c".repeat(128))) {
                assertThat(client.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> TestMqttClient.connect(tcp(), "c".repeat(129)))
                    .cause().isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
        }

        @Test
        void aSecondConnectionWithTheSameClientIdClosesTheFirst() throws Exception {
            String clientId = id("twin");
            try (TestMqttClient first = TestMqttClient.connect(tcp(), clientId);
                 TestMqttClient second = TestMqttClient.connect(iot.iot().presignedWebSocketUri().toString(), clientId)) {
                assertThat(first.connectionLostWithin(WAIT)).isTrue();
                assertThat(second.isConnected()).isTrue();
            }
        }

        @Test
        void aKeepAliveBelow30SecondsIsRaisedTo30() throws Exception {
            // Asked for 1 s: MQTT would disconnect after 1.5 s of silence, AWS IoT applies 30 s (45 s of silence).
            try (Socket socket = new Socket("127.0.0.1", iot.iot().mqttPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                byte[] clientId = id("hasty").getBytes(StandardCharsets.US_ASCII);
                byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 1};
                out.write(new byte[] {0x10, (byte) (variable.length + 2 + clientId.length)});
                out.write(variable);
                out.write(new byte[] {0, (byte) clientId.length});
                out.write(clientId);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                socket.setSoTimeout((int) WAIT.toMillis());
                assertThat(in.readInt()).as("CONNACK accepted").isEqualTo(0x20020000);

                socket.setSoTimeout(2_500);
                assertThatThrownBy(in::read).as("still open after 2.5 s").isInstanceOf(SocketTimeoutException.class);
                out.write(new byte[] {(byte) 0xC0, 0});
                socket.setSoTimeout((int) WAIT.toMillis());
                assertThat(in.readUnsignedShort()).as("PINGRESP").isEqualTo(0xD000);
            } catch (IOException e) {
                throw new AssertionError("The connection was closed: " + e.getMessage(), e);
            }
        }
    }

    @Nested
    class Publish {

        @Test
        void withQos2ClosesTheConnectionWithoutAcknowledgement() throws Exception {
            assertRefused(tcp(), "limits/qos2", new byte[1], 2, false);
        }

        @Test
        void toASubscribeOnlyReservedTopicClosesTheConnection() throws Exception {
            assertRefused(tcp(), "$aws/events/presence/connected/forged", new byte[1], 1, false);
        }

        @Test
        void toAServiceRequestTopicIsDeliveredButNeverRetained() throws Exception {
            assertDelivered(tcp(), "$aws/things/lamp/shadow/update", "{\"state\":{}}".getBytes(StandardCharsets.UTF_8));
            assertRefused(tcp(), "$aws/things/lamp/shadow/update", "{\"state\":{}}".getBytes(StandardCharsets.UTF_8), 1,
                    true);
        }
    }
}
