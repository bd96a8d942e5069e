package dev.iotlocal;

import dev.iotlocal.config.ConfigException;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IotLocalTest {

    private static Path config(String name) throws URISyntaxException {
        return Path.of(IotLocalTest.class.getResource("/iotlocal/" + name).toURI());
    }

    private static IotLocal start(String name) throws URISyntaxException {
        return IotLocal.builder().config(config(name)).edgePort(0).mqttPort(0).build().start();
    }

    @Nested
    class AtStartUp {

        @Test
        void refusesARuleWhoseSqlDoesNotParseWithTheFileLineAndPosition() {
            assertThatThrownBy(() -> IotLocal.builder().config(config("bad-sql.yml")).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("bad-sql.yml:10")
                    .hasMessageContaining("functions.echo.events[0].iot")
                    .hasMessageContaining("Rule broken")
                    .hasMessageContaining("column 15")
                    .hasMessageContaining("single quotes");
        }

        @Test
        void saysWhatToDoWhenAskedForAPortBeforeStart() throws Exception {
            IotLocal iot = IotLocal.builder().config(config("echo.yml")).build();

            assertThatThrownBy(iot::edgeUri).hasMessageContaining("call start() first");
        }

        @Test
        void runsTwoEmulatorsSideBySide() throws Exception {
            try (IotLocal one = start("echo.yml"); IotLocal two = start("echo.yml")) {
                assertThat(one.edgePort()).isNotEqualTo(two.edgePort());
                assertThat(one.mqttPort()).isNotEqualTo(two.mqttPort());
            }
        }

        @Test
        void cannotBeStartedAgainAfterClose() throws Exception {
            IotLocal iot = start("echo.yml");
            iot.close();
            iot.close(); // idempotent

            assertThatThrownBy(iot::start).hasMessageContaining("closed");
        }
    }

    @Test
    void routesAnApiGatewayRequestWithItsPathParameter() throws Exception {
        try (IotLocal iot = start("echo.yml")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(iot.apiUrl("/items/42")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("item 42");
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        }
    }

    @Test
    void invokesTheRulesFunctionWithTheMessageForEveryMatchingPublish() throws Exception {
        try (IotLocal iot = start("echo.yml")) {
            iot.publish("echo/1", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), 0);
            iot.publish("other/1", "{\"n\":2}".getBytes(StandardCharsets.UTF_8), 0);

            Invocation invocation = iot.takeInvocation("echo", Duration.ofSeconds(10)).orElseThrow();
            assertThat(invocation.type()).isEqualTo(Invocation.InvocationType.EVENT);
            assertThat(new String(invocation.event(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            assertThat(iot.takeInvocation("echo", Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void refusesAnUnsignedWebSocketUpgradeWith403AndTheReason() throws Exception {
        try (IotLocal iot = start("echo.yml"); Socket socket = new Socket("127.0.0.1", iot.edgePort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256 HTTP/1.1\r\nHost: 127.0.0.1:" + iot.edgePort()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            int contentLength = 0;
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                response.append(line).append('\n');
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[contentLength];
            for (int read = 0, n; read < contentLength; read += n) {
                n = in.read(body, read, contentLength - read);
                assertThat(n).as("the body ended early").isPositive();
            }
            response.append(body);

            assertThat(response.toString())
                    .startsWith("HTTP/1.1 403")
                    .contains("x-amzn-ErrorType: ForbiddenException:")
                    .contains("\"reason\":\"missing-parameter\"")
                    .contains("X-Amz-Credential");
        }
    }

    @Test
    void answersUnknownRoutesAsApiGatewayDoes() throws Exception {
        try (IotLocal iot = start("echo.yml")) {
            HttpClient http = HttpClient.newHttpClient();
            for (URI uri : new URI[] {iot.apiUrl("/nothing"), iot.edgeUri().resolve("/elsewhere")}) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            }
        }
    }
}
