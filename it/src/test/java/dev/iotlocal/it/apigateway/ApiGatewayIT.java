package dev.iotlocal.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static dev.iotlocal.it.apigateway.Gateway.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API Gateway's REST API with Lambda proxy integration, as a plain HTTP client sees it: routes under the stage,
 * the proxy event, the function's answer, binary media, serverless' CORS preflight, AWS's own error answers.
 */
class ApiGatewayIT {

    private static final String BAD_GATEWAY = "{\"message\": \"Internal server error\"}";
    private static final String MISSING_TOKEN = "{\"message\":\"Missing Authentication Token\"}";
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** The typed event as the handler read it (it answers with it). */
    private static JsonNode typedEvent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    @Nested
    class Routing {

        @Test
        void theStageRootReachesTheRootResource() {
            JsonNode event = typedEvent(gateway.get("/"));

            assertThat(event.path("resource").asText()).isEqualTo("/");
            assertThat(event.path("path").asText()).isEqualTo("/");
            assertThat(event.path("requestContext").path("path").asText()).isEqualTo("/dev/");
        }

        @Test
        void aPathParameterIsDecoded() {
            JsonNode event = typedEvent(gateway.get("/users/a%20b"));

            assertThat(event.path("resource").asText()).isEqualTo("/users/{id}");
            assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("a b");
        }

        @Test
        void aLiteralSegmentBeatsAPathParameter() {
            JsonNode event = typedEvent(gateway.get("/users/me"));

            assertThat(event.path("resource").asText()).isEqualTo("/users/me");
            assertThat(event.get("pathParameters").isNull()).isTrue();
        }

        @Test
        void aPathHasSeveralMethods() {
            JsonNode event = typedEvent(gateway.send(gateway.request("/users/42").DELETE().build()));

            assertThat(event.path("httpMethod").asText()).isEqualTo("DELETE");
            assertThat(event.path("resource").asText()).isEqualTo("/users/{id}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        void aGreedyParameterWithAnyTakesEveryMethodAndTheRestOfThePath(String method) {
            JsonNode event = typedEvent(gateway.send(gateway.request("/files/a/b/c.txt")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build()));

            assertThat(event.path("resource").asText()).isEqualTo("/files/{proxy+}");
            assertThat(event.path("httpMethod").asText()).isEqualTo(method);
            assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c.txt");
        }

        @Test
        void anUnknownPathIsAMissingAuthenticationToken() {
            assertMissingToken(gateway.get("/nowhere"));
        }

        @Test
        void aMethodThePathDoesNotHaveIsAMissingAuthenticationToken() {
            assertMissingToken(gateway.send(gateway.request("/my/path").method("PATCH",
                    HttpRequest.BodyPublishers.ofString("{}")).build()));
        }

        @Test
        void anotherStageOrNoStageIsAMissingAuthenticationToken() {
            assertMissingToken(gateway.send(HttpRequest.newBuilder(gateway.rawUrl("/prod/my/path")).build()));
            assertMissingToken(gateway.send(HttpRequest.newBuilder(gateway.rawUrl("/my/path")).build()));
            // "/" itself is the emulator's dashboard, not part of the API.
        }

        private void assertMissingToken(HttpResponse<String> response) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo(MISSING_TOKEN);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        }
    }

    @Nested
    class ProxyEvent {

        @Test
        void absentMapsAreNullNotEmpty() {
            HttpResponse<String> response = gateway.get("/my/path");
            JsonNode event = gateway.eventOf(response);

            for (String key : List.of("queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
                    "stageVariables", "body")) {
                assertThat(event.has(key)).as(key).isTrue();
                assertThat(event.get(key).isNull()).as(key).isTrue();
            }
            assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
            assertThat(typedEvent(response).get("queryStringParameters").isNull()).isTrue();
        }

        @Test
        void repeatedQueryParametersAreInBothMaps() {
            JsonNode event = typedEvent(gateway.get("/my/path?a=1&a=2&b=&c=x%2By"));

            assertThat(event.get("queryStringParameters")).isEqualTo(json("{\"a\":\"2\",\"b\":\"\",\"c\":\"x+y\"}"));
            assertThat(event.get("multiValueQueryStringParameters"))
                    .isEqualTo(json("{\"a\":[\"1\",\"2\"],\"b\":[\"\"],\"c\":[\"x+y\"]}"));
        }

        @Test
        void repeatedHeadersAreInBothMapsAndApiGatewayAddsItsForwardingHeaders() {
            HttpResponse<String> response = gateway.send(gateway.request("/my/path")
                    .header("X-Tag", "one").header("X-Tag", "two").build());
            JsonNode event = typedEvent(response);

            assertThat(event.path("headers").path("X-Tag").asText()).isEqualTo("two");
            assertThat(event.path("multiValueHeaders").get("X-Tag")).isEqualTo(json("[\"one\",\"two\"]"));
            JsonNode headers = event.path("headers");
            assertThat(headers.path("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
            assertThat(headers.path("X-Forwarded-Proto").asText()).isEqualTo("http");
            assertThat(headers.path("X-Forwarded-Port").asText()).isEqualTo(Integer.toString(gateway.iot.edgePort()));
            assertThat(headers.path("X-Amzn-Trace-Id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
            assertThat(response.headers().firstValue("X-Amzn-Trace-Id")).contains(headers.path("X-Amzn-Trace-Id").asText());
        }

        @Test
        void theRequestContextDescribesTheRequest() {
            Instant before = Instant.now().minusMillis(1);
            HttpResponse<String> response = gateway.send(gateway.request("/users/42")
                    .header("User-Agent", "iotlocal-test/1.0").build());
            Instant after = Instant.now();
            JsonNode context = typedEvent(response).path("requestContext");

            assertThat(context.path("stage").asText()).isEqualTo("dev");
            assertThat(context.path("path").asText()).isEqualTo("/dev/users/42");
            assertThat(context.path("resourcePath").asText()).isEqualTo("/users/{id}");
            assertThat(context.path("httpMethod").asText()).isEqualTo("GET");
            assertThat(context.path("protocol").asText()).isEqualTo("HTTP/1.1");
            assertThat(context.path("accountId").asText()).matches("\\d{12}");
            assertThat(context.path("apiId").asText()).matches("[a-z0-9]{10}");
            assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1:" + gateway.iot.edgePort());
            assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
            assertThat(context.path("extendedRequestId").asText()).isEqualTo(response.headers().firstValue("x-amz-apigw-id").orElseThrow());
            assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(context.path("identity").path("userAgent").asText()).isEqualTo("iotlocal-test/1.0");
            long epoch = context.path("requestTimeEpoch").asLong();
            assertThat(epoch).isBetween(before.toEpochMilli(), after.toEpochMilli());
            assertThat(context.path("requestTime").asText()).isEqualTo(DateTimeFormatter
                    .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochMilli(epoch)));
        }

        @Test
        void aTextBodyArrivesAsText() {
            JsonNode event = typedEvent(gateway.send(gateway.request("/files/note.txt")
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("héllo wörld")).build()));

            assertThat(event.path("body").asText()).isEqualTo("héllo wörld");
            assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        }
    }

    @Nested
    class FunctionAnswers {

        @Test
        void statusHeadersMultiValueHeadersAndBodyReachTheClient() {
            HttpResponse<String> response = gateway.respondWith("""
                    {"statusCode": 201, "headers": {"X-One": "1", "Set-Cookie": "a=1"},
                     "multiValueHeaders": {"Set-Cookie": ["b=2", "a=1"], "X-Many": ["x", "y"]}, "body": "created"}""");

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("created");
            assertThat(response.headers().allValues("X-One")).containsExactly("1");
            assertThat(response.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1", "b=2");
            assertThat(response.headers().allValues("X-Many")).containsExactly("x", "y");
        }

        @Test
        void theFunctionsContentTypeIsKeptWhateverItsCase() {
            HttpResponse<String> response = gateway.respondWith("""
                    {"statusCode": 200, "headers": {"content-type": "text/html"}, "body": "<p>hi</p>"}""");

            assertThat(response.headers().allValues("Content-Type")).containsExactly("text/html");
            assertThat(response.body()).isEqualTo("<p>hi</p>");
        }

        @Test
        void withoutAContentTypeTheAnswerIsJson() {
            HttpResponse<String> response = gateway.respondWith("{\"statusCode\": 200, \"body\": \"{}\"}");

            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        }

        @Test
        void aStatusCodeMayBeAStringAndTheBodyMayBeAbsent() {
            HttpResponse<String> response = gateway.respondWith("{\"statusCode\": \"202\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEmpty();
        }

        @Test
        void headersApiGatewayOwnsAreRemapped() {
            HttpResponse<String> response = gateway.respondWith("""
                    {"statusCode": 200, "headers": {"Content-Length": "999", "WWW-Authenticate": "Basic"}, "body": "ok"}""");

            assertThat(response.body()).isEqualTo("ok");
            assertThat(response.headers().firstValue("Content-Length")).contains("2");
            assertThat(response.headers().firstValue("x-amzn-Remapped-Content-Length")).contains("999");
            assertThat(response.headers().firstValue("x-amzn-Remapped-WWW-Authenticate")).contains("Basic");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "not json",
                "[]",
                "null",
                "{\"body\": \"no status\"}",
                "{\"statusCode\": 1000, \"body\": \"\"}",
                "{\"statusCode\": 99}",
                "{\"statusCode\": 100}",
                "{\"statusCode\": 199}",
                "{\"statusCode\": 200.5}",
                "{\"statusCode\": 200, \"body\": {\"json\": \"not serialised\"}}",
                "{\"statusCode\": 200, \"message\": \"an extra key\"}",
                "{\"statusCode\": 200, \"headers\": [\"X-A\"]}",
                "{\"statusCode\": 200, \"headers\": {\"X-A\": {\"nested\": 1}}}",
                "{\"statusCode\": 200, \"multiValueHeaders\": {\"X-A\": \"not a list\"}}",
                "{\"statusCode\": 200, \"headers\": {\"Bad Name\": \"x\"}}",
                "{\"statusCode\": 200, \"headers\": {\"X-Split\": \"a\\r\\nInjected: yes\"}}",
                "{\"statusCode\": 200, \"isBase64Encoded\": \"yes\"}"})
        void aMalformedAnswerIsA502InAwsShape(String functionResult) {
            HttpResponse<String> response = gateway.respondWith(functionResult);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo(BAD_GATEWAY);
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InternalServerErrorException");
            assertThat(response.headers().firstValue("Injected")).isEmpty();
            // The connection is still usable.
            assertThat(gateway.get("/my/path").statusCode()).isEqualTo(200);
        }

        @Test
        void aFunctionErrorIsA502() {
            HttpResponse<String> response = gateway.get("/fail");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo(BAD_GATEWAY);
            assertThat(gateway.invocationOf(response.headers().firstValue("x-amzn-RequestId").orElseThrow()))
                    .hasValueSatisfying(invocation -> assertThat(invocation.succeeded()).isFalse());
        }

        @Test
        void apiGatewayAddsNoCorsHeadersToAFunctionsAnswer() {
            HttpResponse<String> response = gateway.send(gateway.request("/things")
                    .header("Origin", "https://app.example.com").build());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Nested
    class BinaryMedia {

        private final byte[] png = randomBytes();

        private static byte[] randomBytes() {
            byte[] bytes = new byte[4096];
            new Random(7).nextBytes(bytes);
            bytes[0] = (byte) 0x89; // not UTF-8
            return bytes;
        }

        private HttpResponse<byte[]> postPng(String accept) {
            return gateway.send(gateway.request("/binary").header("Content-Type", "image/png").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        @Test
        void aBinaryMediaTypeReachesTheFunctionBase64Encoded() {
            HttpResponse<byte[]> response = postPng("image/png");
            JsonNode event = gateway.eventOf(response);

            assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
            assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(png);
        }

        @Test
        void aBase64AnswerIsDecodedWhenTheFirstAcceptedTypeIsBinary() {
            HttpResponse<byte[]> response = postPng("image/png, */*;q=0.8");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Content-Type")).containsExactly("image/png");
            assertThat(response.body()).isEqualTo(png);
        }

        @Test
        void aBase64AnswerStaysTextWhenTheFirstAcceptedTypeIsNotBinary() {
            HttpResponse<byte[]> response = postPng("application/json, image/png");

            assertThat(new String(response.body(), StandardCharsets.US_ASCII))
                    .isEqualTo(Base64.getEncoder().encodeToString(png));
        }

        @Test
        void aMediaTypeMatchesWhateverItsCaseAndParameters() {
            HttpResponse<String> response = gateway.send(gateway.request("/binary")
                    .header("Content-Type", "Application/Octet-Stream; charset=binary")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build());

            assertThat(gateway.eventOf(response).path("isBase64Encoded").asBoolean()).isTrue();
        }

        @Test
        void textThatIsNotABinaryMediaTypeIsNotEncoded() {
            HttpResponse<String> response = gateway.send(gateway.request("/binary").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("plain")).build());

            assertThat(gateway.eventOf(response).path("isBase64Encoded").asBoolean()).isFalse();
            assertThat(response.body()).isEqualTo("plain");
        }
    }

    @Nested
    class Cors {

        private HttpResponse<String> preflight(String path, String origin) {
            HttpRequest.Builder request = gateway.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Access-Control-Request-Method", "PUT");
            if (origin != null) {
                request.header("Origin", origin);
            }
            return gateway.send(request.build());
        }

        private void assertNotInvoked(HttpResponse<String> response) {
            assertThat(gateway.invocationOf(response.headers().firstValue("x-amzn-RequestId").orElseThrow())).isEmpty();
        }

        @Test
        void corsTrueAnswersThePreflightWithServerlessDefaultsAndTheMethodsOfThePath() {
            HttpResponse<String> response = preflight("/things", "https://app.example.com");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains(
                    "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id");
            // serverless unites each event's methods in front of the earlier ones: GET, then POST.
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("OPTIONS,POST,GET");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            assertThat(response.headers().firstValue("Access-Control-Max-Age")).isEmpty();
            assertNotInvoked(response);
        }

        @Test
        void thePreflightWinsOverAnAnyMethod() {
            HttpResponse<String> response = preflight("/items", null);

            assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                    .contains("OPTIONS,DELETE,GET,HEAD,PATCH,POST,PUT");
            assertNotInvoked(response);
            assertThat(typedEvent(gateway.get("/items")).path("httpMethod").asText()).isEqualTo("GET");
        }

        @Test
        void theObjectFormSetsOriginsHeadersCredentialsMaxAgeAndCacheControl() {
            HttpResponse<String> response = preflight("/private", "https://app.example.com");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type,X-Custom");
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("OPTIONS,PUT");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
            assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("600");
            assertThat(response.headers().firstValue("Cache-Control")).contains("max-age=600, s-maxage=600");
            assertNotInvoked(response);
        }

        @Test
        void anOriginMatchingAWildcardIsEchoedAndAnyOtherGetsTheFirstOrigin() {
            assertThat(preflight("/private", "https://eu.example.org").headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://eu.example.org");
            assertThat(preflight("/private", "https://evil.example.com").headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://app.example.com");
            assertThat(preflight("/private", null).headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://app.example.com");
        }

        @Test
        void aPathWithoutCorsHasNoPreflight() {
            HttpResponse<String> response = preflight("/users/7", "https://app.example.com");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo(MISSING_TOKEN);
        }
    }

    @Nested
    class PayloadLimit {

        private static final int TEN_MB = 10 * 1024 * 1024;

        private HttpResponse<String> upload(HttpRequest.BodyPublisher body, boolean expectContinue) {
            return gateway.send(gateway.request("/upload").header("Content-Type", "text/plain")
                    .expectContinue(expectContinue).POST(body).build());
        }

        private static byte[] text(int length) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 'a');
            return bytes;
        }

        @Test
        void aBodyOfFiveMegabytesReachesTheFunction() {
            HttpResponse<String> response = upload(HttpRequest.BodyPublishers.ofByteArray(text(5 * 1024 * 1024)), false);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(Integer.toString(5 * 1024 * 1024));
        }

        /**
         * API Gateway takes 10 MB, but the proxy event must fit Lambda's 6 MB synchronous request limit: a larger
         * one fails the integration, as a function error does (502).
         */
        @Test
        void aBodyOfTenMegabytesPassesApiGatewayButNotLambdasSixMegabyteLimit() {
            HttpResponse<String> response = upload(HttpRequest.BodyPublishers.ofByteArray(text(TEN_MB)), false);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
        }

        @Test
        void aBodyOverTenMegabytesIsRefusedWith413() {
            HttpResponse<String> response = upload(HttpRequest.BodyPublishers.ofByteArray(text(TEN_MB + 1)), false);

            assertTooLarge(response);
        }

        /** curl sends {@code Expect: 100-continue} for large bodies (java.net.http 17 mishandles a final answer). */
        @Test
        void aClientWaitingForContinueGetsThe413WithoutSendingTheBody() throws IOException {
            try (Socket socket = new Socket("127.0.0.1", gateway.iot.edgePort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /dev/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: " + (TEN_MB + 1) + "\r\n"
                        + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));

                assertThat(reader.readLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
                String line;
                int length = -1;
                while (!(line = reader.readLine()).isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                char[] body = new char[length];
                assertThat(reader.read(body)).isEqualTo(length);
                assertThat(new String(body)).isEqualTo("{\"message\":\"Request Too Long\"}");
            }
        }

        @Test
        void aChunkedBodyOverTenMegabytesIsRefusedWith413() {
            byte[] body = text(TEN_MB + 1024);
            assertTooLarge(upload(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false));
        }

        private void assertTooLarge(HttpResponse<String> response) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Too Long\"}");
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
            assertThat(gateway.invocationOf(response.headers().firstValue("x-amzn-RequestId").orElseThrow())).isEmpty();
        }
    }
}
