package dev.iotlocal.lambda;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invokes a well-behaved function over and over while a test does something hostile next to it: every one of its
 * invocations must succeed with the right answer, however the other function behaves.
 */
final class FunctionCanary implements AutoCloseable {

    private final LambdaRuntime runtime;
    private final String function;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger succeeded = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;

    /** @param function a function answering {@code "ping"} with {@code "PING"} ({@link TestHandlers.Echo#shout}) */
    FunctionCanary(LambdaRuntime runtime, String function) {
        this.runtime = runtime;
        this.function = function;
        this.thread = new Thread(this::run, "function-canary");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        byte[] ping = "\"ping\"".getBytes(StandardCharsets.UTF_8);
        while (running.get()) {
            try {
                Invocation invocation = runtime.invoke(function, ping).get(30, TimeUnit.SECONDS);
                if (invocation.succeeded() && invocation.result().payloadAsString().equals("\"PING\"")) {
                    succeeded.incrementAndGet();
                } else {
                    fail(invocation.result().payloadAsString());
                }
            } catch (Exception e) {
                fail(String.valueOf(e));
            }
            try {
                Thread.sleep(2); // paces the canary; a wait here is its rhythm, not a wait for something to happen
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void fail(String why) {
        failures.add(why);
    }

    /** Stops, and checks that it answered throughout; returns how many invocations succeeded. */
    int stopAndCheck() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
        synchronized (this) {
            assertThat(failures).as("invocations of the canary function that failed").isEmpty();
        }
        assertThat(succeeded.get()).as("invocations of the canary function").isPositive();
        return succeeded.get();
    }

    @Override
    public void close() {
        running.set(false);
    }
}
