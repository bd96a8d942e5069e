package dev.iotlocal.it.apigateway;

import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A function slower than API Gateway's integration timeout (29 s on AWS, shortened here). */
class IntegrationTimeoutIT {

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutGets504AndGoesOnRunning() throws Exception {
        try (Gateway gateway = Gateway.start(options -> options.integrationTimeout(Duration.ofMillis(300)))) {
            HttpResponse<String> response = gateway.get("/slow?ms=2000");

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
            // As on AWS, the function is not stopped: it finishes in its own time.
            Invocation invocation = gateway.iot.takeInvocation("gateway-dev-slow", Duration.ofSeconds(20)).orElseThrow();
            assertThat(invocation.succeeded()).isTrue();
            assertThat(new String(invocation.result().payload(), StandardCharsets.UTF_8)).contains("late");
        }
    }

    @Test
    void aFunctionWithinTheIntegrationTimeoutAnswers() {
        try (Gateway gateway = Gateway.start(options -> options.integrationTimeout(Duration.ofSeconds(20)))) {
            HttpResponse<String> response = gateway.get("/slow?ms=400");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("late");
        }
    }
}
