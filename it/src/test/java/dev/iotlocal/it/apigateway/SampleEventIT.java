package dev.iotlocal.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event a handler typed with {@code APIGatewayProxyRequestEvent} receives, compared key by key with AWS's
 * documented sample (apigateway/apigw-rest-proxy-event.json): the request below is the sample's request, so every
 * value is the sample's except those that must differ, each named here with the reason.
 */
class SampleEventIT {

    /** Values that differ from the sample because they are this request's, this API's or this account's. */
    private static final Set<String> OWN_VALUES = Set.of(
            "requestContext.accountId", "requestContext.apiId", "requestContext.domainName",
            "requestContext.domainPrefix", "requestContext.extendedRequestId", "requestContext.identity.sourceIp",
            "requestContext.path", "requestContext.requestId",
            "requestContext.requestTime", "requestContext.requestTimeEpoch", "requestContext.resourceId",
            "requestContext.stage",
            // Without mutual TLS there is no client certificate: the key is there, its value null.
            "requestContext.identity.clientCert",
            // The sample's request sent parameter1 twice (value1, then value2: see its multiValueQueryStringParameters);
            // API Gateway keeps the last value in queryStringParameters, as the sample itself shows for header2.
            "queryStringParameters.parameter1");
    /** Headers of the request that the sample's schematic request does not show: transport and API Gateway's own. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("Content-Length", "Host", "User-Agent",
            "X-Amzn-Trace-Id", "X-Forwarded-For", "X-Forwarded-Port", "X-Forwarded-Proto");

    private static Gateway gateway;
    private static JsonNode sample;
    private static HttpResponse<String> response;
    private static JsonNode received;

    @BeforeAll
    static void sendTheSamplesRequest() throws IOException {
        try (InputStream in = SampleEventIT.class.getResourceAsStream("/apigateway/apigw-rest-proxy-event.json")) {
            sample = Gateway.JSON.readTree(in);
        }
        gateway = Gateway.start();
        response = gateway.send(gateway.request("/my/path?parameter1=value1&parameter1=value2&parameter2=value")
                .header("header1", "value1").header("header2", "value1").header("header2", "value2")
                .header("User-Agent", "user-agent")
                .method("GET", HttpRequest.BodyPublishers.ofString("Hello from Lambda!")).build());
        received = gateway.eventOf(response);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theEventHasTheSamplesKeysAtEveryLevelAndItsValuesWhereTheyDoNotHaveToDiffer() {
        List<String> differences = new ArrayList<>();
        compare("", sample, received, differences);

        assertThat(differences).containsExactlyInAnyOrderElementsOf(new TreeSet<>(OWN_VALUES));
    }

    @Test
    void theValuesThatDifferAreThisRequests() {
        JsonNode context = received.path("requestContext");
        int port = gateway.iot.edgePort();

        assertThat(context.path("stage").asText()).isEqualTo("dev");
        assertThat(context.path("path").asText()).isEqualTo("/dev/my/path");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(context.path("domainPrefix").asText()).isEqualTo("127");
        assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(received.path("queryStringParameters").path("parameter1").asText()).isEqualTo("value2");
        assertThat(context.path("identity").get("clientCert").isNull()).isTrue();
        assertThat(context.path("requestTime").asText()).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
    }

    @Test
    void theHeaderMapsHoldTheSamplesHeadersAndOnlyTransportHeadersBesides() {
        for (String map : List.of("headers", "multiValueHeaders")) {
            Set<String> extra = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            received.get(map).fieldNames().forEachRemaining(extra::add);
            sample.get(map).fieldNames().forEachRemaining(extra::remove);
            assertThat(extra).as(map).allMatch(name -> TRANSPORT_HEADERS.stream().anyMatch(name::equalsIgnoreCase));
        }
    }

    @Test
    void theTypedHandlerReadsEveryValueTheEventCarries() {
        JsonNode typed = Gateway.json(response.body());

        assertThat(typed.get("multiValueQueryStringParameters")).isEqualTo(sample.get("multiValueQueryStringParameters"));
        assertThat(typed.get("queryStringParameters")).isEqualTo(received.get("queryStringParameters"));
        assertThat(typed.path("multiValueHeaders").get("header2")).isEqualTo(sample.path("multiValueHeaders").get("header2"));
        assertThat(typed.path("body").asText()).isEqualTo("Hello from Lambda!");
        assertThat(typed.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(typed.get("pathParameters").isNull()).isTrue();
        JsonNode context = typed.path("requestContext");
        JsonNode raw = received.path("requestContext");
        for (String key : List.of("accountId", "apiId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod",
                "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage")) {
            assertThat(context.get(key)).as(key).isEqualTo(raw.get(key));
        }
        assertThat(context.path("identity").path("sourceIp")).isEqualTo(raw.path("identity").path("sourceIp"));
        assertThat(context.path("identity").path("userAgent")).isEqualTo(raw.path("identity").path("userAgent"));
    }

    /**
     * Walks the sample. Objects must have the same keys (the header maps hold the request's headers, compared
     * above); other values must be equal. Each difference is reported by its path.
     */
    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (actual == null) {
            differences.add("missing " + path);
            return;
        }
        boolean headerMap = path.equals("headers") || path.equals("multiValueHeaders");
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (!keys.contains(key) && !headerMap) {
                    differences.add("extra " + join(path, key));
                }
            }
            for (String key : keys) {
                compare(join(path, key), expected.get(key), actual.get(key), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
