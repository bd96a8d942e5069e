package dev.iotlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.lambda.InvocationResult.Cause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static dev.iotlocal.lambda.TestRuntime.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers that throw, cannot be serialised, run past their timeout, ignore interrupts, exit, run out of memory,
 * flood their log or leave threads behind: each ends as Lambda reports it, and a well-behaved function invoked
 * all the while (the canary) never fails.
 */
class HostileHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    private LambdaRuntime runtime;
    private FunctionCanary canary;
    private final String flag = "iotlocal.test.hostile." + UUID.randomUUID();

    private void start(FunctionConfiguration hostile) {
        start(settings -> settings, hostile);
    }

    private void start(UnaryOperator<LambdaSettings> tuning, FunctionConfiguration hostile) {
        runtime = runtimes.start(tuning, hostile,
                FunctionConfiguration.of("canary", TestHandlers.Echo.class.getName() + "::shout"));
        canary = new FunctionCanary(runtime, "canary");
    }

    @AfterEach
    void stopCanary() throws InterruptedException {
        System.clearProperty(flag);
        if (canary != null) {
            canary.stopAndCheck();
        }
    }

    private static FunctionConfiguration function(String name, Class<?> handler) {
        return FunctionConfiguration.of(name, handler.getName());
    }

    private static JsonNode error(Invocation invocation) throws Exception {
        return JSON.readTree(invocation.result().payload());
    }

    private String flagged() {
        return "{\"flag\":\"" + flag + "\"}";
    }

    @Nested
    class Failures {

        @Test
        void anExceptionWhoseMessageAndTextThrowIsReportedByItsTypeAndTheEnvironmentStaysWarm() throws Exception {
            start(function("treacherous", HostileHandlers.ThrowsBadly.class));

            Invocation invocation = invoke(runtime, "treacherous", "{}");

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                assertThat(f.cause()).isEqualTo(Cause.UNHANDLED);
                assertThat(f.errorType()).isEqualTo(HostileHandlers.Treacherous.class.getName());
            });
            JsonNode error = error(invocation);
            assertThat(error.path("errorType").asText()).isEqualTo(HostileHandlers.Treacherous.class.getName());
            assertThat(error.path("cause").path("errorType").asText()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(invoke(runtime, "treacherous", "{}").coldStart()).as("an unhandled error keeps the environment").isFalse();
        }

        @Test
        void aStackOverflowIsAnUnhandledError() throws Exception {
            start(function("recurses", HostileHandlers.Recurses.class));

            Invocation invocation = invoke(runtime, "recurses", "{}");

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class,
                    f -> assertThat(f.errorType()).isEqualTo(StackOverflowError.class.getName()));
            assertThat(error(invocation).path("stackTrace").size()).isPositive();
        }

        @Test
        void aResultWhoseGetterThrowsIsTheRuntimesSerializationError() throws Exception {
            start(function("unserialisable", HostileHandlers.Unserialisable.class));

            Invocation invocation = invoke(runtime, "unserialisable", "{}");

            JsonNode error = error(invocation);
            assertThat(error.path("errorType").asText()).isEqualTo(RuntimeException.class.getName());
            assertThat(error.path("errorMessage").asText()).isEqualTo("An error occurred during JSON serialization of response");
            assertThat(error.path("cause").path("errorMessage").asText()).contains("this getter refuses");
        }

        @Test
        void aResultThatContainsItselfIsTheRuntimesSerializationError() throws Exception {
            start(function("cyclic", HostileHandlers.SelfReferencing.class));

            Invocation invocation = invoke(runtime, "cyclic", "{}");

            assertThat(error(invocation).path("errorMessage").asText())
                    .isEqualTo("An error occurred during JSON serialization of response");
        }
    }

    @Nested
    class Runaways {

        @Test
        void aHandlerPastItsTimeoutIsReportedAsTimedOutAndTheNextCallStartsCold() throws Exception {
            start(function("sleeps", TestHandlers.Sleeps.class).withTimeout(Duration.ofMillis(500)));

            Invocation invocation = invoke(runtime, "sleeps", "{\"millis\":60000}");

            assertThat(invocation.timedOut()).isTrue();
            assertThat(error(invocation).path("errorMessage").asText()).contains("Task timed out after");
            assertThat(invoke(runtime, "sleeps", "{\"millis\":0}").coldStart()).isTrue();
        }

        @Test
        void aBusyLoopIgnoringInterruptsTimesOutAndItsThreadIsStopped() throws Exception {
            start(function("spins", TestHandlers.Spins.class).withTimeout(Duration.ofMillis(500)));

            Invocation invocation = invoke(runtime, "spins", flagged());

            assertThat(invocation.timedOut()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> "stopped".equals(System.getProperty(flag)));
        }

        @Test
        void systemExitEndsTheInvocationAsRuntimeExitErrorNotTheEmulator() throws Exception {
            start(function("exits", TestHandlers.Exits.class));

            Invocation invocation = invoke(runtime, "exits", "{}");

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                assertThat(f.cause()).isEqualTo(Cause.EXIT);
                assertThat(f.errorType()).isEqualTo("Runtime.ExitError");
            });
            assertThat(invoke(runtime, "exits", "{}").coldStart()).isTrue();
        }
    }

    @Nested
    class Memory {

        @Test
        void aHandlerKeepingMoreThanItsMemorySizeIsEndedAsOutOfMemoryAndItsMemoryIsFreed() throws Exception {
            start(function("hogs", HostileHandlers.Hogs.class).withMemorySize(128).withTimeout(Duration.ofSeconds(60)));
            long before = heapAfterGc();

            Invocation invocation = invoke(runtime, "hogs", flagged());

            assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
                assertThat(f.cause()).isEqualTo(Cause.OUT_OF_MEMORY);
                assertThat(f.errorType()).isEqualTo("Runtime.OutOfMemory");
                assertThat(f.errorMessage()).isEqualTo("RequestId: " + invocation.requestId()
                        + " Error: Runtime exited with error: signal: killed");
            });
            assertThat(invocation.logLines()).anySatisfy(line -> assertThat(line)
                    .startsWith("REPORT RequestId: " + invocation.requestId()).contains("Max Memory Used: 128 MB"));
            assertThat(invocation.logLines()).last().asString().isEqualTo("Runtime.OutOfMemory");
            await().atMost(Duration.ofSeconds(20)).until(() -> "stopped".equals(System.getProperty(flag)));
            await().atMost(Duration.ofSeconds(20)).until(() -> heapAfterGc() < before + 128L * 1024 * 1024);
            assertThat(invoke(runtime, "hogs", "{}").result()).as("a new environment").isNotNull();
        }

        @Test
        void aHandlerAllocatingFarMoreThanItsMemorySizeButKeepingLittleIsNotOutOfMemory() throws Exception {
            start(function("churns", HostileHandlers.Churns.class).withMemorySize(128));

            Invocation invocation = invoke(runtime, "churns", "{\"megabytes\":2048}");

            assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
            assertThat(invocation.result().payloadAsString()).startsWith("\"churned 2048 MB");
        }
    }

    @Nested
    class Logs {

        @Test
        void megabytesOfShortLinesAreLoggedButTheInvocationKeepsABoundedPartAndItsReport() throws Exception {
            start(function("chatty", HostileHandlers.Chatty.class));

            Invocation invocation = invoke(runtime, "chatty", "{\"megabytes\":8,\"lineBytes\":100}");

            assertThat(invocation.succeeded()).isTrue();
            assertKeptLogIsBounded(invocation);
        }

        @Test
        void megabytesWithoutANewlineAreCutIntoLinesAndTheInvocationKeepsABoundedPart() throws Exception {
            start(function("chatty", HostileHandlers.Chatty.class));

            Invocation invocation = invoke(runtime, "chatty", "{\"megabytes\":8,\"lineBytes\":0}");

            assertThat(invocation.succeeded()).isTrue();
            assertKeptLogIsBounded(invocation);
        }

        private void assertKeptLogIsBounded(Invocation invocation) {
            long kept = invocation.logLines().stream().mapToLong(String::length).sum();
            assertThat(kept).as("characters of log kept with the invocation").isLessThanOrEqualTo(FunctionLogger.MAX_CHARACTERS_KEPT + 4096);
            assertThat(invocation.logLines()).first().asString().startsWith("START RequestId: " + invocation.requestId());
            assertThat(invocation.logLines()).anySatisfy(line -> assertThat(line).startsWith("[iotlocal] ")
                    .contains("not kept with this invocation"));
            assertThat(invocation.logLines()).anySatisfy(line -> assertThat(line).isEqualTo("END RequestId: " + invocation.requestId()));
            assertThat(invocation.logLines()).last().asString().startsWith("REPORT RequestId: " + invocation.requestId());
        }
    }

    @Nested
    class Threads {

        /** Idle environments are reaped after 300 ms instead of minutes. */
        private UnaryOperator<LambdaSettings> reapedAfter300Ms() {
            return settings -> new LambdaSettings(settings.region(), settings.accountId(), settings.maximumTimeout(),
                    settings.executionRole(), settings.serviceEnvironment(), settings.concurrencyLimit(),
                    Duration.ofMillis(300), settings.async());
        }

        @Test
        void threadsAFunctionLeavesBehindEndWhenItsEnvironmentIsReaped() throws Exception {
            start(reapedAfter300Ms(), function("leaks", HostileHandlers.LeaksThreads.class));
            int before = leakedThreads();

            for (int i = 0; i < 5; i++) {
                Invocation invocation = invoke(runtime, "leaks", "{\"threads\":\"10\",\"flag\":\"" + flag + "\"}");
                assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
            }
            assertThat(leakedThreads()).isGreaterThanOrEqualTo(before + 50);

            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.environments("leaks") == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> leakedThreads() == before);
            assertThat(System.getProperty(flag)).isEqualTo("stopped");
        }

        @Test
        void threadsAFunctionLeavesBehindEndWhenTheRuntimeCloses() throws Exception {
            start(function("leaks", HostileHandlers.LeaksThreads.class));
            int before = leakedThreads();

            assertThat(invoke(runtime, "leaks", "{\"threads\":\"5\",\"flag\":\"" + flag + "\"}").succeeded()).isTrue();
            canary.stopAndCheck();
            canary = null;
            runtime.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> leakedThreads() == before);
        }

        @Test
        void anIdlePoolTheFunctionKeptIsReportedOnceWhenItsEnvironmentIsReapedAndNotStopped() throws Exception {
            start(reapedAfter300Ms(), function("pooled", HostileHandlers.KeepsAPool.class));
            PrintStream original = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                for (int i = 0; i < 3; i++) {
                    Invocation invocation = invoke(runtime, "pooled", "{}");
                    assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> runtime.environments("pooled") == 0);
                // Reported after the interrupt's grace period, not after the runaway checks give up.
                await().atMost(Duration.ofSeconds(10)).until(() -> err.toString(StandardCharsets.UTF_8).contains("idle thread"));
            } finally {
                System.setErr(original);
            }
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .containsOnlyOnce("2 idle thread(s) of a pool that")
                    .contains("allowCoreThreadTimeOut")
                    .doesNotContain("Thread.stop")
                    .doesNotContain("[ERROR]");
        }

        @Test
        void aPoolWorkerWaitingForATaskIsToldApartByWhetherItsWaitTimesOut() throws Exception {
            ThreadPoolExecutor forever = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            ThreadPoolExecutor timesOut = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
            timesOut.allowCoreThreadTimeOut(true);
            try {
                Thread waitsForever = forever.submit(Thread::currentThread).get();
                Thread waitsAWhile = timesOut.submit(Thread::currentThread).get();
                await().until(() -> waitsForever.getState() == Thread.State.WAITING
                        && waitsAWhile.getState() == Thread.State.TIMED_WAITING);

                assertThat(RunawayThreads.idlePoolWorker(waitsForever.getStackTrace()))
                        .isEqualTo(RunawayThreads.PoolWait.NEVER_ENDS);
                assertThat(RunawayThreads.idlePoolWorker(waitsAWhile.getStackTrace()))
                        .isEqualTo(RunawayThreads.PoolWait.TIMES_OUT);
                // A thread running code outside the JDK (this test's) is not idle, whatever runs it.
                assertThat(RunawayThreads.idlePoolWorker(Thread.currentThread().getStackTrace()))
                        .isEqualTo(RunawayThreads.PoolWait.NO);
            } finally {
                forever.shutdownNow();
                timesOut.shutdownNow();
            }
        }

        @Test
        void aThreadThatCannotBeStoppedIsReportedAsBusyOnlyWhenItKeepsACpuBusy() throws Exception {
            AtomicBoolean done = new AtomicBoolean();
            Object lock = new Object();
            // Both catch the ThreadDeath of every stop and go on. One handles it a moment later and waits again, as
            // Paho's callback thread does (it logs it); the other spins. Nothing runs outside a try: no stop ends them.
            Thread waits = new Thread(() -> {
                for (;;) {
                    try {
                        if (done.get()) {
                            return;
                        }
                        synchronized (lock) {
                            lock.wait();
                        }
                    } catch (Throwable stopped) {
                        try {
                            Thread.sleep(5);
                            for (long end = System.nanoTime() + 2_000_000; System.nanoTime() < end; ) {
                                Thread.onSpinWait();
                            }
                        } catch (Throwable stoppedAgain) {
                            // goes on waiting
                        }
                    }
                }
            }, "swallows-stop-and-waits");
            Thread spins = new Thread(() -> {
                for (;;) {
                    try {
                        if (done.get()) {
                            return;
                        }
                        Thread.onSpinWait();
                    } catch (Throwable stopped) {
                        // goes on spinning
                    }
                }
            }, "swallows-stop-and-spins");
            PrintStream original = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                waits.start();
                spins.start();
                // A grace period well above the waiter's 7 ms of handling, even on a busy machine.
                RunawayThreads runaway = new RunawayThreads(Duration.ofMillis(200));
                // This test's classes are on the application class loader: to the checks, they are function code.
                String loaderName = getClass().getClassLoader().getName();
                runaway.watch(waits, "waiter", loaderName);
                runaway.watch(spins, "spinner", loaderName);
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        err.toString(StandardCharsets.UTF_8).split("cannot be stopped", -1).length == 3);
            } finally {
                System.setErr(original);
                done.set(true);
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
            String log = err.toString(StandardCharsets.UTF_8);
            assertThat(log.lines().filter(line -> line.contains("(swallows-stop-and-waits)") && line.contains("cannot be stopped")))
                    .singleElement().asString().contains("It waits").doesNotContain("CPU busy");
            assertThat(log.lines().filter(line -> line.contains("(swallows-stop-and-spins)") && line.contains("cannot be stopped")))
                    .singleElement().asString().contains("It keeps a CPU busy");
        }

        private static int leakedThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("leaked-by-") && t.isAlive()).count();
        }
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
