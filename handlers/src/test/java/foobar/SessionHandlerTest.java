package foobar;

import static foobar.SigV4Check.EMPTY_SHA256;
import static foobar.SigV4Check.expectedSignature;
import static foobar.SigV4Check.queryParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SessionHandlerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIAEXAMPLE", "secret/key+1", "token/with+chars="));
    static final Map<String, String> EMULATOR = Map.of(
            "AWS_IOT_HOST", "127.0.0.1:4566", "IOT_WEBSOCKET_SCHEME", "ws", "AWS_REGION", "us-east-1");

    final ObjectMapper json = new ObjectMapper();
    final FakeContext context = new FakeContext(6000);

    @Test
    void answersWithAPresignedUrlAndAChannelId() throws Exception {
        APIGatewayProxyResponseEvent response =
                new SessionHandler(EMULATOR, CLOCK, CREDENTIALS).handleRequest(getDev(), context);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.fieldNames()).toIterable().containsExactly("endpointUrl", "channelId");
        assertThat(UUID.fromString(body.get("channelId").asText())).isNotNull();

        String url = body.get("endpointUrl").asText();
        assertThat(url).startsWith("ws://127.0.0.1:4566/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256&")
                .endsWith("&X-Amz-Security-Token=token%2Fwith%2Bchars%3D");
        assertThat(queryParams(url))
                .containsEntry("X-Amz-Credential", "ASIAEXAMPLE/20240501/us-east-1/iotdevicegateway/aws4_request")
                .containsEntry("X-Amz-Date", "20240501T100000Z");
        assertThat(queryParams(url).get("X-Amz-Signature"))
                .isEqualTo(expectedSignature(url, "127.0.0.1:4566", "secret/key+1", EMPTY_SHA256));
        assertThat(context.logLines).anySatisfy(line -> assertThat(line).contains(body.get("channelId").asText()));
    }

    @Test
    void onAwsTheUrlIsSignedForTheHostABrowserSendsWithoutPort443() throws Exception {
        Map<String, String> aws = Map.of("AWS_IOT_HOST", "abc-ats.iot.eu-west-1.amazonaws.com", "AWS_REGION", "eu-west-1");

        String url = json.readTree(new SessionHandler(aws, CLOCK, CREDENTIALS).handleRequest(getDev(), context)
                .getBody()).get("endpointUrl").asText();

        assertThat(url).startsWith("wss://abc-ats.iot.eu-west-1.amazonaws.com/mqtt?");
        assertThat(queryParams(url).get("X-Amz-Signature")).isEqualTo(
                expectedSignature(url, "abc-ats.iot.eu-west-1.amazonaws.com", "secret/key+1", EMPTY_SHA256));
    }

    @Test
    void everySessionGetsItsOwnChannel() throws Exception {
        SessionHandler handler = new SessionHandler(EMULATOR, CLOCK, CREDENTIALS);

        String first = json.readTree(handler.handleRequest(getDev(), context).getBody()).get("channelId").asText();
        String second = json.readTree(handler.handleRequest(getDev(), context).getBody()).get("channelId").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void missingConfigurationNamesTheVariable() {
        SessionHandler handler = new SessionHandler(Map.of("AWS_REGION", "us-east-1"), CLOCK, CREDENTIALS);

        assertThatThrownBy(() -> handler.handleRequest(getDev(), context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_IOT_HOST is not set");
    }

    /** What API Gateway sends for GET /dev (path without the stage, absent maps null). */
    private static APIGatewayProxyRequestEvent getDev() {
        return new APIGatewayProxyRequestEvent()
                .withResource("/")
                .withPath("/")
                .withHttpMethod("GET")
                .withHeaders(Map.of("Host", "abc.execute-api.us-east-1.amazonaws.com"))
                .withIsBase64Encoded(false);
    }
}
