package foobar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class MqttHandlerTest {

    static final Map<String, String> EMULATOR = Map.of(
            "AWS_IOT_HOST", "127.0.0.1:4566", "IOT_WEBSOCKET_SCHEME", "ws", "AWS_REGION", "us-east-1");
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));

    /** No environment at all: validation of the event must come first and need nothing else. */
    final MqttHandler handler = new MqttHandler(Map.of(), Clock.systemUTC(), CREDENTIALS);
    final FakeContext context = new FakeContext(45_000);

    @Nested
    class EventValidation {

        @Test
        void nullEvent() {
            assertThatThrownBy(() -> handler.handleRequest(null, context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event is null");
        }

        @Test
        void noChannelId() {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("other", "x"), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no string \"channelId\"");
        }

        @Test
        void channelIdThatIsNotAString() {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("channelId", 42), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no string \"channelId\"");
        }

        @Test
        void nullChannelId() {
            Map<String, Object> event = new HashMap<>();
            event.put("channelId", null);

            assertThatThrownBy(() -> handler.handleRequest(event, context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no string \"channelId\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void emptyChannelId(String channelId) {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("channelId", channelId), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("channelId is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a/b", "+", "abc#", "#", "x+y", "/", "a\u0000b"})
        void channelIdThatWouldChangeTheTopic(String channelId) {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("channelId", channelId), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not contain '/', '+', '#'");
        }

        @Test
        void channelIdTooLongForAwsIotLimits() {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("channelId", "x".repeat(101)), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("longer than 100");
        }

        @Test
        void validEventThenNeedsTheEnvironment() {
            assertThatThrownBy(() -> handler.handleRequest(Map.of("channelId", "4f0c-uuid"), context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AWS_IOT_HOST is not set");
        }
    }

    @Test
    void topicsOfAChannel() {
        ChannelId channel = ChannelId.fromEvent(Map.of("channelId", "c1"));

        assertThat(channel.requestTopic()).isEqualTo("foobar/c1/request");
        assertThat(channel.responseTopic()).isEqualTo("foobar/c1/response");
    }

    /**
     * 2.5 s left is inside the 2 s safety margin plus a whole second to connect. 7 s left leaves no time to connect
     * either once the 5 s a timed-out connect may be waited for while closing are kept back.
     */
    @ParameterizedTest
    @ValueSource(ints = {2500, 7000})
    void doesNotStartWhenTheDeadlineIsTooNear(int remainingMillis) {
        FakeContext almostOver = new FakeContext(remainingMillis);

        String summary = new MqttHandler(EMULATOR, Clock.systemUTC(), CREDENTIALS)
                .handleRequest(Map.of("channelId", "c1"), almostOver);

        assertThat(summary).contains("not started");
        assertThat(almostOver.logLines).containsExactly(summary);
    }

    @Test
    void aRefusedUpgradeIsExplainedBecausePahoHidesTheHttpStatus() {
        MqttException refused = new MqttException(new IOException("WebSocket Response header: Incorrect connection header"));

        assertThat(MqttHandler.describe(refused, IotEndpoint.parse("ws", "127.0.0.1:4566", "us-east-1"), "foobar-mqtt-c1"))
                .startsWith("MQTT over WebSocket to 127.0.0.1:4566 failed for client foobar-mqtt-c1: ")
                .contains("refused the WebSocket upgrade")
                .contains("403");
    }

    @Nested
    class IdleTimeout {

        @Test
        void defaultsTo30Seconds() {
            assertThat(MqttHandler.idleTimeout(Map.of())).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void readsTheVariable() {
            assertThat(MqttHandler.idleTimeout(Map.of("IDLE_TIMEOUT_SECONDS", "5"))).isEqualTo(Duration.ofSeconds(5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "abc", "1.5"})
        void rejectsWhatIsNotAPositiveNumber(String value) {
            assertThatThrownBy(() -> MqttHandler.idleTimeout(Map.of("IDLE_TIMEOUT_SECONDS", value)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IDLE_TIMEOUT_SECONDS must be a positive whole number")
                    .hasMessageContaining("'" + value + "'");
        }
    }
}
