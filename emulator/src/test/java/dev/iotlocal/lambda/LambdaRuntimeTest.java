package dev.iotlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaRuntimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENV_HANDLER = TestHandlers.Environment.class.getName();
    private LambdaRuntime runtime;

    private LambdaRuntime runtime(FunctionConfiguration... functions) {
        LambdaSettings settings = new LambdaSettings("eu-west-1", "123456789012", Duration.ofSeconds(300),
                new LambdaSettings.RoleCredentials("ASIAKEY", "secret", "token"), () -> Map.of("AWS_IOT_HOST", "127.0.0.1:1"));
        runtime = new LambdaRuntime(settings, List.of(functions), Clock.systemUTC());
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static JsonNode invoke(LambdaRuntime runtime, String function, String event) throws Exception {
        Invocation invocation = runtime.invoke(function, event.getBytes(StandardCharsets.UTF_8)).get();
        assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
        return JSON.readTree(invocation.result().payload());
    }

    @Nested
    class EachExecutionEnvironment {

        @Test
        void seesItsOwnFunctionsVariablesThroughSystemGetenv() throws Exception {
            runtime(FunctionConfiguration.of("a", ENV_HANDLER).withEnvironment(Map.of("COLOUR", "red")),
                    FunctionConfiguration.of("b", ENV_HANDLER).withEnvironment(Map.of("COLOUR", "blue")));

            assertThat(invoke(runtime, "a", "{\"variable\":\"COLOUR\"}").path("value").asText()).isEqualTo("red");
            assertThat(invoke(runtime, "b", "{\"variable\":\"COLOUR\"}").path("value").asText()).isEqualTo("blue");
        }

        @Test
        void getsTheVariablesLambdaSetsAndTheEmulatorsEndpoints() throws Exception {
            runtime(FunctionConfiguration.of("a", ENV_HANDLER));

            assertThat(invoke(runtime, "a", "{\"variable\":\"AWS_REGION\"}").path("value").asText()).isEqualTo("eu-west-1");
            assertThat(invoke(runtime, "a", "{\"variable\":\"AWS_LAMBDA_FUNCTION_NAME\"}").path("value").asText()).isEqualTo("a");
            assertThat(invoke(runtime, "a", "{\"variable\":\"_HANDLER\"}").path("value").asText()).isEqualTo(ENV_HANDLER);
            assertThat(invoke(runtime, "a", "{\"variable\":\"AWS_SESSION_TOKEN\"}").path("value").asText()).isEqualTo("token");
            assertThat(invoke(runtime, "a", "{\"variable\":\"AWS_IOT_HOST\"}").path("value").asText()).isEqualTo("127.0.0.1:1");
            assertThat(invoke(runtime, "a", "{\"variable\":\"TZ\"}").path("value").asText()).isEqualTo("UTC");
        }

        @Test
        void keepsItsStaticStateWhileWarmAndStartsColdOnce() throws Exception {
            runtime(FunctionConfiguration.of("a", ENV_HANDLER));

            Invocation first = runtime.invoke("a", "{}".getBytes()).get();
            Invocation second = runtime.invoke("a", "{}".getBytes()).get();

            assertThat(first.coldStart()).isTrue();
            assertThat(second.coldStart()).isFalse();
            assertThat(JSON.readTree(second.result().payload()).path("invocations").asInt()).isEqualTo(2);
            // The emulator's own copy of the class was never touched: statics live in the environment.
            var field = TestHandlers.Environment.class.getDeclaredField("invocations");
            field.setAccessible(true);
            assertThat(field.getInt(null)).isZero();
        }

        @Test
        void isOneOfSeveralWhenInvocationsRunConcurrently() throws Exception {
            runtime(FunctionConfiguration.of("a", TestHandlers.Sleeps.class.getName()));

            var first = runtime.invoke("a", "{\"millis\":300}".getBytes());
            var second = runtime.invoke("a", "{\"millis\":300}".getBytes());

            assertThat(first.get().coldStart()).isTrue();
            assertThat(second.get().coldStart()).isTrue();
            assertThat(first.get().result().payloadAsString()).isNotEqualTo(second.get().result().payloadAsString());
        }

        @Test
        void seesItsVariablesThroughAMethodReferenceToo() throws Exception {
            runtime(FunctionConfiguration.of("a", TestHandlers.GetenvByReference.class.getName())
                    .withEnvironment(Map.of("COLOUR", "green")));

            assertThat(invoke(runtime, "a", "{\"variable\":\"COLOUR\"}").asText()).isEqualTo("green");
        }

        @Test
        void usesTheJdksXmlParser() throws Exception {
            runtime(FunctionConfiguration.of("a", TestHandlers.ParsesXml.class.getName()));

            assertThat(invoke(runtime, "a", "{\"xml\":\"<Error><Code>x</Code></Error>\"}").asText()).isEqualTo("Error");
        }

        @Test
        void hasTheContextOfItsFunction() throws Exception {
            runtime(FunctionConfiguration.of("a", ENV_HANDLER).withTimeout(Duration.ofSeconds(7)));

            JsonNode answer = invoke(runtime, "a", "{}");

            assertThat(answer.path("function").asText()).isEqualTo("a");
            assertThat(answer.path("remaining").asInt()).isBetween(5_000, 7_000);
        }
    }

    @Nested
    class AFailingHandler {

        @Test
        void thatThrowsGivesLambdasErrorDocument() throws Exception {
            runtime(FunctionConfiguration.of("a", TestHandlers.Throws.class.getName()));

            Invocation invocation = runtime.invoke("a", "{\"why\":\"test\"}".getBytes()).get();

            assertThat(invocation.result()).isInstanceOf(InvocationResult.Failure.class);
            JsonNode error = JSON.readTree(invocation.result().payload());
            assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.path("errorMessage").asText()).isEqualTo("boom: test");
            assertThat(error.path("stackTrace").get(0).asText()).contains("TestHandlers$Throws.handleRequest");
        }

        @Test
        void thatCallsSystemExitFailsAsRuntimeExitErrorAndTheEmulatorLivesOn() throws Exception {
            runtime(FunctionConfiguration.of("exit", TestHandlers.Exits.class.getName()),
                    FunctionConfiguration.of("halt", TestHandlers.Halts.class.getName()),
                    FunctionConfiguration.of("exitRef", TestHandlers.ExitsByReference.class.getName()),
                    FunctionConfiguration.of("haltRef", TestHandlers.HaltsByBoundReference.class.getName()));

            for (String function : List.of("exit", "halt", "exitRef", "haltRef")) {
                Invocation invocation = runtime.invoke(function, "{}".getBytes()).get();
                assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                    assertThat(f.cause()).isEqualTo(InvocationResult.Cause.EXIT);
                    assertThat(f.errorType()).isEqualTo("Runtime.ExitError");
                });
            }
        }

        @Test
        void whoseClassDoesNotExistFailsToInitialiseWithTheFix() throws Exception {
            runtime(FunctionConfiguration.of("a", "com.example.Missing"));

            Invocation invocation = runtime.invoke("a", "{}".getBytes()).get();

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                assertThat(f.cause()).isEqualTo(InvocationResult.Cause.INIT);
                assertThat(f.errorMessage()).contains("com.example.Missing", "deployment package");
            });
        }
    }

    @Nested
    class ATimeout {

        @Test
        void discardsTheEnvironmentBeforeTheCallerHearsOfIt() throws Exception {
            runtime(FunctionConfiguration.of("a", TestHandlers.Sleeps.class.getName()).withTimeout(Duration.ofMillis(200)));

            // The next invocation starts the moment the timed-out one completes: it must not land on the old environment.
            var next = runtime.invoke("a", "{\"millis\":5000}".getBytes())
                    .thenCompose(timedOut -> runtime.invoke("a", "{\"millis\":0}".getBytes()));

            Invocation second = next.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(second.succeeded()).isTrue();
            assertThat(second.coldStart()).isTrue();
            Invocation first = runtime.takeInvocation("a", Duration.ofSeconds(1)).orElseThrow();
            assertThat(first.timedOut()).isTrue();
            assertThat(first.result().payloadAsString()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [0-9a-f-]{36} Task timed out after 0\\.\\d\\d seconds");
        }
    }

    @Test
    void failsAtOnceOnceClosed() {
        runtime(FunctionConfiguration.of("a", ENV_HANDLER)).close();

        assertThat(runtime.invoke("a", "{}".getBytes())).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("closed");
    }

    @Test
    void findsAMethodNamedInTheHandler() throws Exception {
        runtime(FunctionConfiguration.of("a", TestHandlers.Echo.class.getName() + "::shout"));

        Invocation invocation = runtime.invoke("a", "\"hello\"".getBytes()).get();

        assertThat(invocation.result().payloadAsString()).isEqualTo("\"HELLO\"");
    }

    @Test
    void refusesAFunctionThatSetsAReservedVariable() {
        assertThatThrownBy(() -> runtime(FunctionConfiguration.of("a", ENV_HANDLER).withEnvironment(Map.of("AWS_REGION", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION is reserved");
    }

    @Test
    void refusesAMissingDeploymentArtifactWithTheFix() {
        FunctionConfiguration function = new FunctionConfiguration("a", "a", ENV_HANDLER, Duration.ofSeconds(3), 128,
                Map.of(), Optional.of(Path.of("/nonexistent/app.jar")));

        assertThatThrownBy(() -> runtime(function)).hasMessageContaining("/nonexistent/app.jar does not exist")
                .hasMessageContaining("mvn package");
    }

    @Test
    void refusesAnUnknownFunctionWithTheDeployedNames() {
        runtime(FunctionConfiguration.of("a", ENV_HANDLER));

        assertThat(runtime.invoke("nope", new byte[0])).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(FunctionNotFoundException.class)
                .withMessageContaining("Deployed functions: a");
    }
}
