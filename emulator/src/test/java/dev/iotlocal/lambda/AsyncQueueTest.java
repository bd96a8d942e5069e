package dev.iotlocal.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The asynchronous queue's own scheduling, with attempts that the test controls. */
class AsyncQueueTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService attempts = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        attempts.shutdownNow();
    }

    @Test
    void anAttemptSlowToStartDoesNotHoldUpTheEventsBehindIt() throws Exception {
        FunctionConfiguration function = FunctionConfiguration.of("f", TestHandlers.Throws.class.getName());
        FunctionPool pool = new FunctionPool(function, ordinal -> {
            throw new AssertionError("the test's starter makes no environment");
        });
        CountDownLatch coldStart = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        AsyncQueue queue = new AsyncQueue(LambdaSettings.AsyncSettings.DEFAULTS, scheduler, attempts,
                (p, requestId, event) -> {
                    if (requestId.equals("first")) {
                        await(coldStart); // as a cold start waiting for its environment's thread
                    } else {
                        secondStarted.countDown();
                    }
                    return new CompletableFuture<>();
                }, new Concurrency(1000, List.of(function)), Clock.systemUTC(), failure -> { });

        queue.submit(pool, "arn", "first", new byte[0]);
        queue.submit(pool, "arn", "second", new byte[0]);

        try {
            assertThat(secondStarted.await(10, TimeUnit.SECONDS)).as("the second event started").isTrue();
        } finally {
            coldStart.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
