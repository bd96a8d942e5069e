package dev.iotlocal.apigateway;

import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.InvocationResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> invoked = new ArrayList<>();

    private RestApi api(Duration timeout, LambdaIntegration lambda, ApiRoute... routes) {
        return new RestApi(new ApiGatewaySettings("dev", "abcdefghij", "000000000000", timeout, List.of()),
                List.of(routes), lambda, Clock.systemUTC(), log::add);
    }

    private LambdaIntegration answering(String payload) {
        return (function, event) -> {
            invoked.add(function);
            return CompletableFuture.completedFuture(new Invocation("id", function, Invocation.InvocationType.REQUEST_RESPONSE,
                    event, new InvocationResult.Success(payload.getBytes(StandardCharsets.UTF_8)), Instant.now(),
                    Duration.ZERO, Optional.empty(), List.of()));
        };
    }

    private static ApiRequest request(String method, String path) {
        return new ApiRequest(method, path, Map.of("Host", List.of("localhost")), Map.of(), new byte[0], "127.0.0.1",
                "HTTP/1.1", 4566);
    }

    @Test
    void thePreflightWinsOverAnAnyRouteOnTheSameResource() {
        RestApi api = api(Duration.ofSeconds(29), answering("{\"statusCode\": 200}"),
                new ApiRoute("ANY", "/items", "items", Optional.of(Cors.defaults())));

        ApiResponse response = api.handle(request("OPTIONS", "/dev/items"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsKey("Access-Control-Allow-Methods");
        assertThat(invoked).isEmpty();
        assertThat(api.handle(request("GET", "/dev/items")).status()).isEqualTo(200);
        assertThat(invoked).containsExactly("items");
    }

    @Test
    void anErrorInsideTheEmulatorIsA502InAwsShape() {
        RestApi api = api(Duration.ofSeconds(29), (function, event) -> {
            throw new IllegalStateException("boom");
        }, new ApiRoute("GET", "/x", "x"));

        ApiResponse response = api.handle(request("GET", "/dev/x"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.bodyAsString()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(log).singleElement().asString().matches("GET /dev/x 502 x \\d+\\.\\d ms");
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutIsA504() {
        RestApi api = api(Duration.ofMillis(50), (function, event) -> new CompletableFuture<>(),
                new ApiRoute("GET", "/x", "x"));

        ApiResponse response = api.handle(request("GET", "/dev/x"));

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyAsString()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    }

    @Test
    void everyAnswerIsOneLogLineAndCarriesTheRequestIds() {
        RestApi api = api(Duration.ofSeconds(29), answering("{\"statusCode\": 201, \"body\": \"ok\"}"),
                new ApiRoute("POST", "/x", "fn"));

        ApiResponse created = api.handle(request("POST", "/dev/x"));
        ApiResponse missing = api.handle(request("GET", "/prod/x"));
        ApiResponse tooLarge = api.payloadTooLarge(request("POST", "/dev/x"));

        assertThat(created.headers()).containsKeys("x-amzn-RequestId", "x-amz-apigw-id", "X-Amzn-Trace-Id");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyAsString()).isEqualTo("{\"message\":\"Request Too Long\"}");
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).matches("POST /dev/x 201 fn \\d+\\.\\d ms");
        assertThat(log.get(1)).matches("GET /prod/x 403 - \\d+\\.\\d ms");
        assertThat(log.get(2)).matches("POST /dev/x 413 - \\d+\\.\\d ms");
    }
}
