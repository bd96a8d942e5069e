package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiGatewaySettings SETTINGS = new ApiGatewaySettings("dev", "abcdefghij", "000000000000");
    private static final RequestIds IDS = new RequestIds("req-1", "ext=", "Root=1-00000000-000000000000000000000000");

    private static JsonNode event(String method, Map<String, List<String>> headers, Map<String, List<String>> query,
                                  byte[] body, List<String> binaryTypes) throws Exception {
        ApiRequest request = new ApiRequest(method, "/dev/users/7", headers, query, body, "10.0.0.9", "HTTP/1.1", 4566);
        RouteTable.Match match = new RouteTable.Match(new ApiRoute(method, "/users/{id}", "f"), Map.of("id", "7"));
        return JSON.readTree(ProxyEvent.of(request, "/users/7", match, SETTINGS, BinaryMediaTypes.of(binaryTypes), IDS,
                Instant.parse("2020-03-04T19:15:17.135Z"), JSON));
    }

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return headers;
    }

    @Test
    void hasTheKeysOfAwsSampleInItsOrder() throws Exception {
        JsonNode event = event("GET", headers("Host", "localhost:4566"), Map.of(), new byte[0], List.of());

        assertThat(event.fieldNames()).toIterable().containsExactly("resource", "path", "httpMethod", "headers",
                "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters", "requestContext",
                "pathParameters", "stageVariables", "body", "isBase64Encoded");
        assertThat(event.get("requestContext").fieldNames()).toIterable().containsExactly("accountId", "apiId",
                "authorizer", "domainName", "domainPrefix", "extendedRequestId", "httpMethod", "identity", "path",
                "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage");
        JsonNode context = event.get("requestContext");
        assertThat(context.get("requestTime").asText()).isEqualTo("04/Mar/2020:19:15:17 +0000");
        assertThat(context.get("requestTimeEpoch").asLong()).isEqualTo(1583349317135L);
        assertThat(context.get("domainPrefix").asText()).isEqualTo("localhost");
        assertThat(context.get("path").asText()).isEqualTo("/dev/users/7");
        assertThat(event.get("path").asText()).isEqualTo("/users/7");
        assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("7");
    }

    @Test
    void absentMapsAndBodyAreNull() throws Exception {
        JsonNode event = event("GET", headers(), Map.of(), new byte[0], List.of());

        assertThat(event.get("queryStringParameters").isNull()).isTrue();
        assertThat(event.get("multiValueQueryStringParameters").isNull()).isTrue();
        assertThat(event.get("stageVariables").isNull()).isTrue();
        assertThat(event.get("body").isNull()).isTrue();
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void apiGatewayAddsForwardingHeadersAndExtendsAnExistingForwardedFor() throws Exception {
        JsonNode headers = event("GET", headers("x-forwarded-for", "1.2.3.4"), Map.of(), new byte[0], List.of())
                .get("headers");

        assertThat(headers.get("x-forwarded-for").asText()).isEqualTo("1.2.3.4, 10.0.0.9");
        assertThat(headers.get("X-Forwarded-Port").asText()).isEqualTo("4566");
        assertThat(headers.get("X-Forwarded-Proto").asText()).isEqualTo("http");
        assertThat(headers.get("X-Amzn-Trace-Id").asText()).isEqualTo(IDS.traceId());
    }

    @Test
    void aBinaryMediaTypeIsBase64AndARequestWithoutContentTypeCountsAsJson() throws Exception {
        byte[] bytes = {(byte) 0xff, 0, 1};
        JsonNode binary = event("POST", headers("Content-Type", "image/png"), Map.of(), bytes, List.of("image/png"));
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.get("body").asText())).isEqualTo(bytes);

        JsonNode untyped = event("POST", headers(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8), List.of("application/json"));
        assertThat(untyped.get("isBase64Encoded").asBoolean()).isTrue();

        JsonNode text = event("POST", headers("Content-Type", "text/plain"), Map.of(), "héllo".getBytes(StandardCharsets.UTF_8),
                List.of("image/png"));
        assertThat(text.get("body").asText()).isEqualTo("héllo");
        assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();
    }
}
