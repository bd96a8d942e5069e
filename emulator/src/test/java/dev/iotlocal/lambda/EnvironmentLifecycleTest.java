package dev.iotlocal.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static dev.iotlocal.lambda.TestRuntime.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What happens to execution environments around invocations: their log, idleness, runaway handlers. */
class EnvironmentLifecycleTest {

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    @Test
    void standardOutputAndErrorAreLinesOfTheFunctionsLogBetweenStartAndEnd() throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", TestHandlers.Prints.class.getName()));

        Invocation cold = invoke(runtime, "a", "{\"word\":\"hi\"}");
        Invocation warm = invoke(runtime, "a", "{\"word\":\"again\"}");

        String id = cold.requestId();
        assertThat(cold.logLines()).hasSize(10);
        assertThat(cold.logLines().subList(0, 9)).containsExactly(
                "printed during init",
                "START RequestId: " + id + " Version: $LATEST",
                "to stdout: hi",
                "to stderr",
                "and a second line",
                "by reference",
                "through the LambdaLogger",
                "without a newline",
                "END RequestId: " + id);
        assertThat(cold.logLines().get(9)).matches("REPORT RequestId: " + id + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                + "\tMemory Size: 1024 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t");
        assertThat(warm.logLines()).hasSize(9).contains("to stdout: again")
                .noneMatch(line -> line.contains("Init Duration") || line.contains("during init"));
    }

    @Test
    void anEnvironmentIdleLongerThanTheIdleTimeoutIsReapedAndTheNextCallStartsCold() throws Exception {
        LambdaRuntime runtime = runtimes.start(s -> s.withIdleEnvironmentTimeout(Duration.ofMillis(100)),
                FunctionConfiguration.of("a", TestHandlers.Sleeps.class.getName()));

        assertThat(invoke(runtime, "a", "{}").coldStart()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.environments("a") == 0);

        assertThat(invoke(runtime, "a", "{}").coldStart()).isTrue();
    }

    @Test
    void warmEnvironmentsStayWhileUsedWithinTheIdleTimeout() throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("a", TestHandlers.Sleeps.class.getName()));

        invoke(runtime, "a", "{}");

        assertThat(invoke(runtime, "a", "{}").coldStart()).isFalse();
        assertThat(runtime.environments("a")).isEqualTo(1);
    }

    @Test
    void aHandlerThatIgnoresItsInterruptIsStoppedAndNeverHoldsUpOtherFunctions() throws Exception {
        LambdaRuntime runtime = runtimes.start(
                FunctionConfiguration.of("spins", TestHandlers.Spins.class.getName()).withTimeout(Duration.ofMillis(300)),
                FunctionConfiguration.of("echo", TestHandlers.Echo.class.getName() + "::shout"));
        String flag = "iotlocal.test.spins." + UUID.randomUUID();

        Invocation spun = invoke(runtime, "spins", "{\"flag\":\"" + flag + "\"}");

        assertThat(spun.timedOut()).isTrue();
        assertThat(invoke(runtime, "echo", "\"still here\"").result().payloadAsString()).isEqualTo("\"STILL HERE\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> "stopped".equals(System.getProperty(flag)));
        assertThat(runtime.environments("spins")).isZero();
        System.clearProperty(flag);
    }
}
