package dev.iotlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Event invocations as Lambda's asynchronous queue runs them: retried after failures and throttles, then given up. */
class AsyncInvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LambdaSettings.AsyncSettings SHORT_DELAYS = LambdaSettings.AsyncSettings.DEFAULTS
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(100))
            .withThrottleBackoff(Duration.ofMillis(20), Duration.ofMillis(200));

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    @Test
    void aFailingEventIsRetriedTwiceWithTheSameRequestIdThenGoesToTheOnFailureDestination() throws Exception {
        LambdaRuntime runtime = runtimes.start(s -> s.withAsync(SHORT_DELAYS),
                FunctionConfiguration.of("f", TestHandlers.Throws.class.getName()));

        String requestId = runtime.invokeEvent("f", "{\"why\":\"async\"}".getBytes());

        for (int attempt = 1; attempt <= 3; attempt++) {
            Invocation invocation = runtime.takeInvocation("f", WAIT).orElseThrow();
            assertThat(invocation.requestId()).isEqualTo(requestId);
            assertThat(invocation.type()).isEqualTo(Invocation.InvocationType.EVENT);
            assertThat(invocation.succeeded()).isFalse();
        }
        AsyncFailure failure = runtime.takeAsyncFailure("f", WAIT).orElseThrow();
        assertThat(failure.requestId()).isEqualTo(requestId);
        assertThat(failure.condition()).isEqualTo("RetriesExhausted");
        assertThat(failure.approximateInvokeCount()).isEqualTo(3);
        JsonNode record = JSON.readTree(failure.record());
        assertThat(record.path("requestContext").path("functionArn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:f:$LATEST");
        assertThat(record.path("requestPayload").path("why").asText()).isEqualTo("async");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorMessage").asText()).isEqualTo("boom: async");
        assertThat(runtime.takeInvocation("f", Duration.ofMillis(300))).as("no fourth attempt").isEmpty();
    }

    @Test
    void theRetryCountOfTheFunctionWins() throws Exception {
        LambdaRuntime runtime = runtimes.start(s -> s.withAsync(SHORT_DELAYS),
                FunctionConfiguration.of("f", TestHandlers.Throws.class.getName()).withMaximumRetryAttempts(0));

        runtime.invokeEvent("f", "{}".getBytes());

        assertThat(runtime.takeAsyncFailure("f", WAIT).orElseThrow().approximateInvokeCount()).isEqualTo(1);
        assertThat(runtime.takeInvocation("f", WAIT)).isPresent();
        assertThat(runtime.takeInvocation("f", Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aThrottledEventWaitsWithBackoffAndRunsOnceConcurrencyIsFree() throws Exception {
        LambdaRuntime runtime = runtimes.start(s -> s.withAsync(SHORT_DELAYS).withConcurrencyLimit(1),
                FunctionConfiguration.of("f", TestHandlers.Sleeps.class.getName()));
        CompletableFuture<Invocation> busy = runtime.invoke("f", "{\"millis\":500}".getBytes());

        String requestId = runtime.invokeEvent("f", "{\"millis\":0}".getBytes());

        assertThat(busy.get().succeeded()).isTrue();
        Invocation first = runtime.takeInvocation("f", WAIT).orElseThrow();
        Invocation queued = first.requestId().equals(requestId) ? first : runtime.takeInvocation("f", WAIT).orElseThrow();
        assertThat(queued.requestId()).isEqualTo(requestId);
        assertThat(queued.succeeded()).isTrue();
        assertThat(runtime.takeAsyncFailure("f", Duration.ZERO)).isEmpty();
    }

    @Test
    void aFunctionWithZeroReservedConcurrencySendsEventsStraightToTheDestination() throws Exception {
        LambdaRuntime runtime = runtimes.start(s -> s.withAsync(SHORT_DELAYS),
                FunctionConfiguration.of("f", TestHandlers.Sleeps.class.getName()).withReservedConcurrency(0));

        runtime.invokeEvent("f", "{}".getBytes());

        AsyncFailure failure = runtime.takeAsyncFailure("f", WAIT).orElseThrow();
        assertThat(failure.approximateInvokeCount()).isZero();
        assertThat(failure.lastResult()).isEmpty();
    }
}
