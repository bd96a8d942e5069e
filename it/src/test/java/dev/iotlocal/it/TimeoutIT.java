package dev.iotlocal.it;

import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutIT {

    @Test
    void aHandlerThatOverrunsItsTimeoutIsReportedAsTimedOutAndItsEnvironmentDiscarded() throws Exception {
        Path config = Path.of(TimeoutIT.class.getResource("/timeout/serverless.yml").toURI());
        try (IotLocal iot = IotLocal.builder().config(config).edgePort(0).mqttPort(0).build().start()) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(iot.apiUrl("/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // API Gateway turns a function error, a timeout included, into a 502.
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
            Invocation first = iot.takeInvocation("slow", Duration.ofSeconds(5)).orElseThrow();
            assertThat(first.timedOut()).isTrue();
            assertThat(first.result().payloadAsString()).containsPattern("Task timed out after 1\\.\\d\\d seconds");
            assertThat(first.logLines()).anyMatch(line -> line.matches(".*" + first.requestId() + " Task timed out after 1\\.\\d\\d seconds"));
            assertThat(first.duration()).isLessThan(Duration.ofSeconds(5));

            http.send(HttpRequest.newBuilder(iot.apiUrl("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            Invocation second = iot.takeInvocation("slow", Duration.ofSeconds(5)).orElseThrow();
            assertThat(second.coldStart()).as("the timed-out environment is not reused").isTrue();
        }
    }
}
