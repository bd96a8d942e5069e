package dev.iotlocal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.AsyncFailure;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.iotlocal.it.LambdaClients.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lambda runtime's rules, end to end: environments, logs, runaway and exiting handlers, retries. */
class LambdaRuntimeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotLocal iot;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        iot = IotLocal.builder().config(LambdaClients.labConfig()).edgePort(0).mqttPort(0)
                .asyncRetryDelays(Duration.ofMillis(100), Duration.ofMillis(200)) // AWS waits 1 and 2 minutes
                .build().start();
        lambda = LambdaClients.client(iot, iot.secretKey());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        iot.close();
    }

    private static JsonNode answer(String function, String payload) throws Exception {
        InvokeResponse response = invoke(lambda, function, payload);
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        return JSON.readTree(response.payload().asByteArray());
    }

    @Test
    void aColdStartRunsStaticInitialisationOnceAndTheWarmEnvironmentKeepsItsStatics() throws Exception {
        JsonNode first = answer("statics", "{}");
        JsonNode second = answer("statics", "{}");

        assertThat(first.path("invocations").asInt()).isEqualTo(1);
        assertThat(second.path("invocations").asInt()).isEqualTo(2);
        assertThat(second.path("environment").asText()).isEqualTo(first.path("environment").asText());
        assertThat(iot.takeInvocation("statics", WAIT).orElseThrow().coldStart()).isTrue();
        assertThat(iot.takeInvocation("statics", WAIT).orElseThrow().coldStart()).isFalse();
    }

    @Test
    void twoConcurrentCallsRunInTwoEnvironmentsWithTheirOwnStatics() throws Exception {
        CompletableFuture<JsonNode> one = CompletableFuture.supplyAsync(() -> quietly("twins"));
        CompletableFuture<JsonNode> two = CompletableFuture.supplyAsync(() -> quietly("twins"));

        JsonNode a = one.get();
        JsonNode b = two.get();

        assertThat(a.path("environment").asText()).isNotEqualTo(b.path("environment").asText());
        assertThat(a.path("invocations").asInt()).isEqualTo(1);
        assertThat(b.path("invocations").asInt()).isEqualTo(1);
        assertThat(iot.lambda().environments("twins")).isEqualTo(2);
    }

    private static JsonNode quietly(String function) {
        try {
            return answer(function, "{\"sleepMillis\":1500}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLogHasCloudWatchsLinesWithTheHandlersOwnOutputBetweenStartAndEnd() throws Exception {
        invoke(lambda, "logs", "{\"text\":\"first\"}");
        invoke(lambda, "logs", "{\"text\":\"second\"}");

        Invocation cold = iot.takeInvocation("logs", WAIT).orElseThrow();
        Invocation warm = iot.takeInvocation("logs", WAIT).orElseThrow();
        String id = cold.requestId();
        assertThat(cold.logLines()).hasSize(6);
        assertThat(cold.logLines().subList(0, 5)).containsExactly("START RequestId: " + id + " Version: $LATEST",
                "stdout: first", "stderr: first", "logger: first", "END RequestId: " + id);
        assertThat(cold.logLines().get(5)).matches("REPORT RequestId: " + id + "\tDuration: \\d+\\.\\d\\d ms"
                + "\tBilled Duration: \\d+ ms\tMemory Size: 1024 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t");
        assertThat(warm.logLines().get(5)).matches("REPORT RequestId: " + warm.requestId() + "\tDuration: \\d+\\.\\d\\d ms"
                + "\tBilled Duration: \\d+ ms\tMemory Size: 1024 MB\tMax Memory Used: \\d+ MB\t");
    }

    @Test
    void aHandlerThatIgnoresItsInterruptTimesOutIsStoppedAndTheEmulatorServesOn() throws Exception {
        String flag = "iotlocal.it.spinner." + UUID.randomUUID();

        InvokeResponse spun = invoke(lambda, "spinner", "{\"flag\":\"" + flag + "\"}");

        assertThat(spun.functionError()).isEqualTo("Unhandled");
        assertThat(spun.payload().asUtf8String()).containsPattern("Task timed out after 1\\.\\d\\d seconds");
        assertThat(answer("counter", "{}").path("greeting").asText()).as("other functions are served").isEqualTo("hello");
        await().atMost(WAIT).until(() -> "stopped".equals(System.getProperty(flag)));
        System.clearProperty(flag);
        iot.takeInvocation("spinner", WAIT).orElseThrow();
        invoke(lambda, "spinner", "{\"flag\":\"" + flag + "\"}");
        assertThat(iot.takeInvocation("spinner", WAIT).orElseThrow().coldStart()).as("a new environment").isTrue();
        await().atMost(WAIT).until(() -> "stopped".equals(System.getProperty(flag)));
        System.clearProperty(flag);
    }

    @Test
    void aHandlerThatCallsSystemExitFailsAsRuntimeExitErrorAndTheEmulatorServesOn() throws Exception {
        InvokeResponse exited = invoke(lambda, "quitter", "{}");

        assertThat(exited.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(exited.payload().asByteArray());
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.path("errorMessage").asText()).endsWith("Runtime exited with error: exit status 7");
        assertThat(answer("counter", "{}").path("greeting").asText()).isEqualTo("hello");
        invoke(lambda, "quitter", "{}");
        iot.takeInvocation("quitter", WAIT).orElseThrow();
        assertThat(iot.takeInvocation("quitter", WAIT).orElseThrow().coldStart()).as("the environment was discarded").isTrue();
    }

    @Test
    void anIotRulesFailingEventIsRetriedTwiceThenSentToTheOnFailureDestination() throws Exception {
        iot.publish("lab/flaky", "{\"n\":42}".getBytes(StandardCharsets.UTF_8), 1);

        Invocation first = iot.takeInvocation("flaky", WAIT).orElseThrow();
        Invocation second = iot.takeInvocation("flaky", WAIT).orElseThrow();
        Invocation third = iot.takeInvocation("flaky", WAIT).orElseThrow();
        AsyncFailure failure = iot.lambda().takeAsyncFailure("flaky", WAIT).orElseThrow();

        assertThat(first.type()).isEqualTo(Invocation.InvocationType.EVENT);
        assertThat(second.requestId()).isEqualTo(first.requestId());
        assertThat(third.requestId()).isEqualTo(first.requestId());
        assertThat(Duration.between(first.startTime(), second.startTime())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(second.startTime(), third.startTime())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(failure.condition()).isEqualTo("RetriesExhausted");
        assertThat(failure.approximateInvokeCount()).isEqualTo(3);
        assertThat(JSON.readTree(failure.record()).path("responsePayload").path("errorMessage").asText())
                .isEqualTo("flaky failed on 42");
        assertThat(iot.takeInvocation("flaky", Duration.ofMillis(500))).as("no fourth attempt").isEmpty();
    }
}
