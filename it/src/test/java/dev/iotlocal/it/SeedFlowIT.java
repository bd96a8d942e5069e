package dev.iotlocal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's "Lambda over WebSockets via MQTT" flow, end to end: the example service from its deployment jar,
 * and this test in the browser's part.
 */
class SeedFlowIT {

    private static final Duration WAIT = Browser.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The example service, run as any user's tests would run theirs. */
    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(System.getProperty("iotlocal.example.config"))
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "2")) // the seed waits 30 s
            .build();

    static JsonNode newSession() throws Exception {
        return Browser.newSession(iot.apiUrl("/"));
    }

    @Nested
    class TheSessionFunction {

        @Test
        void answersWithAPresignedWebSocketUrlAndAChannel() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(iot.apiUrl("/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            JsonNode session = JSON.readTree(response.body());
            assertThat(session.path("endpointUrl").asText())
                    .startsWith(iot.iot().webSocketUri() + "?")
                    .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Signature=", "X-Amz-Security-Token=");
            assertThat(session.path("channelId").asText()).isNotBlank();
        }

        @Test
        void answersThePreflightAsServerlessConfiguresCors() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(iot.apiUrl("/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("OPTIONS,GET");
        }
    }

    @Nested
    class TheMqttFunction {

        @Test
        void announcesReadyAnswersEveryRequestWithPongAndEndsAfterItsIdlePeriod() throws Exception {
            try (Browser browser = new Browser(iot.apiUrl("/"))) {
                browser.start("foobar/session");

                assertThat(browser.takeResponse().path("status").asText()).isEqualTo("ready");
                for (int i = 0; i < 3; i++) {
                    browser.request("{\"message\":\"PING " + i + "\"}");
                    assertThat(browser.takeResponse().path("message").asText()).isEqualTo("PONG");
                }
            }

            Invocation invocation = iot.takeInvocation("mqtt", WAIT);
            assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
            assertThat(invocation.type()).isEqualTo(Invocation.InvocationType.EVENT);
            assertThat(invocation.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            // What static initialisation printed (slf4j's warning that the jar has no provider) comes before START.
            assertThat(invocation.logLines()).filteredOn(line -> !line.startsWith("SLF4J"))
                    .first().asString().startsWith("START RequestId: " + invocation.requestId());
            assertThat(invocation.logLines()).last().asString().startsWith("REPORT RequestId: " + invocation.requestId());
        }
    }

    @Nested
    class TheHelloFunction {

        @Test
        void publishesHelloThroughTheIotDataPlaneApi() throws Exception {
            try (Browser browser = new Browser(iot.apiUrl("/"))) {
                browser.start("foobar/hello");

                assertThat(browser.takeResponse().path("message").asText()).isEqualTo("hello");
            }
        }
    }

    @Nested
    class ThePresignedUrl {

        @Test
        void isRefusedWith403WhenTampered() throws Exception {
            String url = newSession().path("endpointUrl").asText();
            String tampered = url.replaceFirst("X-Amz-Signature=(.)", "X-Amz-Signature=" + flip(url.charAt(url.indexOf("X-Amz-Signature=") + 16)));

            assertThatThrownBy(() -> HTTP.newWebSocketBuilder().subprotocols("mqtt")
                    .buildAsync(URI.create(tampered), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
        }

        @Test
        void connectsWhenIntact() throws Exception {
            String url = newSession().path("endpointUrl").asText();
            try (TestMqttClient client = TestMqttClient.connect(url, "intact-" + UUID.randomUUID())) {
                assertThat(client.isConnected()).isTrue();
            }
        }

        private static char flip(char hex) {
            return hex == '0' ? '1' : '0';
        }
    }
}
