package dev.iotlocal.lambda;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static dev.iotlocal.lambda.TestRuntime.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyAndLimitsTest {

    private static final String SLEEPS = TestHandlers.Sleeps.class.getName();

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    private static LambdaServiceException refusal(CompletableFuture<Invocation> call) {
        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LambdaServiceException.class);
        return (LambdaServiceException) call.handle((i, e) -> e.getCause() != null ? e.getCause() : e).join();
    }

    @Nested
    class Throttling {

        @Test
        void aSynchronousCallBeyondTheAccountLimitIsTooManyRequests() throws Exception {
            LambdaRuntime runtime = runtimes.start(s -> s.withConcurrencyLimit(1), FunctionConfiguration.of("a", SLEEPS),
                    FunctionConfiguration.of("b", SLEEPS));
            CompletableFuture<Invocation> busy = runtime.invoke("a", "{\"millis\":1000}".getBytes());

            LambdaServiceException refused = refusal(runtime.invoke("b", "{}".getBytes()));

            assertThat(refused.errorType()).isEqualTo("TooManyRequestsException");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.getMessage()).isEqualTo("Rate Exceeded.");
            assertThat(refused.reason()).hasValue("ConcurrentInvocationLimitExceeded");
            assertThat(busy.get().succeeded()).isTrue();
            assertThat(invoke(runtime, "b", "{}").succeeded()).as("free again once the first ended").isTrue();
        }

        @Test
        void reservedConcurrencyCapsItsFunctionAndIsKeptFromTheOthers() throws Exception {
            LambdaRuntime runtime = runtimes.start(s -> s.withConcurrencyLimit(3),
                    FunctionConfiguration.of("reserved", SLEEPS).withReservedConcurrency(1),
                    FunctionConfiguration.of("other", SLEEPS));
            CompletableFuture<Invocation> busy = runtime.invoke("reserved", "{\"millis\":1000}".getBytes());

            LambdaServiceException refused = refusal(runtime.invoke("reserved", "{}".getBytes()));
            CompletableFuture<Invocation> other1 = runtime.invoke("other", "{\"millis\":500}".getBytes());
            CompletableFuture<Invocation> other2 = runtime.invoke("other", "{\"millis\":500}".getBytes());
            LambdaServiceException otherRefused = refusal(runtime.invoke("other", "{}".getBytes()));

            assertThat(refused.reason()).hasValue("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(otherRefused.reason()).hasValue("ConcurrentInvocationLimitExceeded");
            assertThat(other1.get().succeeded() && other2.get().succeeded() && busy.get().succeeded()).isTrue();
        }

        @Test
        void reservationsBeyondTheLimitAreRefusedAtStartWithTheFix() {
            assertThatThrownBy(() -> runtimes.start(s -> s.withConcurrencyLimit(10),
                    FunctionConfiguration.of("a", SLEEPS).withReservedConcurrency(10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserve 10 concurrent executions")
                    .hasMessageContaining("Lower reservedConcurrency");
        }
    }

    @Nested
    class Payloads {

        @Test
        void aRequestAboveSixMegabytesIsRefused() {
            LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", SLEEPS));
            byte[] large = ("\"" + "x".repeat(LambdaRuntime.MAX_SYNC_PAYLOAD_BYTES) + "\"").getBytes(StandardCharsets.UTF_8);

            LambdaServiceException refused = refusal(runtime.invoke("a", large));

            assertThat(refused.errorType()).isEqualTo("RequestTooLargeException");
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.getMessage()).isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        }

        @Test
        void aResponseAboveSixMegabytesIsTheFunctionsError() throws Exception {
            LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", TestHandlers.Large.class.getName()));

            Invocation invocation = invoke(runtime, "a", "{\"bytes\":" + (6 * 1024 * 1024 + 200) + "}");

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                assertThat(f.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
                assertThat(f.errorMessage()).isEqualTo("Response payload size (6291658 bytes) exceeded maximum allowed"
                        + " payload size (6291556 bytes).");
            });
            assertThat(invoke(runtime, "a", "{\"bytes\":3}").coldStart()).as("the environment stays warm").isFalse();
        }

        @Test
        void anAsynchronousEventAbove256KilobytesIsRefused() {
            LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", SLEEPS));
            byte[] large = ("\"" + "x".repeat(256 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> runtime.invokeEvent("a", large)).isInstanceOfSatisfying(LambdaServiceException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("Request must be smaller than 262144 bytes for the InvokeFunction operation"));
        }

        @Test
        void anEventThatIsNotJsonIsInvalidRequestContent() {
            LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", SLEEPS));

            LambdaServiceException refused = refusal(runtime.invoke("a", "value".getBytes()));

            assertThat(refused.errorType()).isEqualTo("InvalidRequestContentException");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.getMessage()).startsWith("Could not parse request body into json: Unrecognized token 'value'");
        }
    }

    @Nested
    class Names {

        @Test
        void aFunctionIsFoundByItsDeployedNameShortNameArnAndPartialArn() {
            LambdaRuntime runtime = runtimes.start(new FunctionConfiguration("svc-dev-a", "a", SLEEPS, Duration.ofSeconds(3),
                    128, java.util.Map.of(), java.util.Optional.empty()));

            for (String name : new String[] {"svc-dev-a", "a", "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-a",
                    "123456789012:function:svc-dev-a", "svc-dev-a:$LATEST"}) {
                assertThat(runtime.function(name)).as(name).map(FunctionConfiguration::functionName).hasValue("svc-dev-a");
            }
        }

        @Test
        void anUnknownNameIsResourceNotFoundWithItsArn() {
            LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", SLEEPS));

            LambdaServiceException refused = refusal(runtime.invoke("nope", "{}".getBytes()));

            assertThat(refused).isInstanceOf(FunctionNotFoundException.class);
            assertThat(refused.errorType()).isEqualTo("ResourceNotFoundException");
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.getMessage()).startsWith("Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nope")
                    .contains("Deployed functions: a");
        }
    }
}
