package dev.iotlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.lambda.LambdaSettings.AsyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Lambda's queue for asynchronous ({@code Event}) invocations: an accepted event runs as soon as the function has
 * concurrency; a throttled attempt is retried with a backoff that doubles up to its maximum, for up to the
 * maximum event age; a failed one (error, timeout, exit) is retried after AWS's delays, up to the retry count;
 * then the event is given up and its invocation record goes to the on-failure destination.
 */
final class AsyncQueue {

    private static final Logger log = LoggerFactory.getLogger(AsyncQueue.class);
    /** Events waiting at once; beyond it Lambda's queue is treated as full. */
    static final int CAPACITY = 10_000;

    /** Starts one attempt of an event. */
    @FunctionalInterface
    interface Starter {
        /** @throws LambdaServiceException {@code TooManyRequestsException} when throttled */
        CompletableFuture<Invocation> start(FunctionPool pool, String requestId, byte[] event);
    }

    private final AsyncSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Starter starter;
    private final Concurrency concurrency;
    private final Clock clock;
    private final Consumer<AsyncFailure> onFailure;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger pending = new AtomicInteger();

    AsyncQueue(AsyncSettings settings, ScheduledExecutorService scheduler, Starter starter, Concurrency concurrency,
               Clock clock, Consumer<AsyncFailure> onFailure) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.starter = starter;
        this.concurrency = concurrency;
        this.clock = clock;
        this.onFailure = onFailure;
    }

    /**
     * Queues the event; it runs on the queue's thread.
     *
     * @throws LambdaServiceException {@code TooManyRequestsException} when the queue is full
     */
    void submit(FunctionPool pool, String arn, String requestId, byte[] event) {
        if (pending.incrementAndGet() > CAPACITY) {
            pending.decrementAndGet();
            throw new LambdaServiceException("TooManyRequestsException", 429, "Rate Exceeded.", "CallerRateLimitExceeded");
        }
        Event queued = new Event(pool, arn, requestId, event, clock.instant(),
                pool.function().maximumRetryAttempts().orElse(settings.maximumRetryAttempts()));
        schedule(queued, Duration.ZERO);
    }

    private void schedule(Event event, Duration delay) {
        try {
            scheduler.schedule(() -> attempt(event), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            pending.decrementAndGet(); // the emulator stops: queued events go with it
        }
    }

    private void attempt(Event event) {
        FunctionConfiguration function = event.pool.function();
        if (Duration.between(event.accepted, clock.instant()).compareTo(settings.maximumEventAge()) > 0) {
            giveUp(event, "EventAgeExceeded");
            return;
        }
        CompletableFuture<Invocation> running;
        try {
            running = starter.start(event.pool, event.requestId, event.payload);
        } catch (LambdaServiceException refused) {
            if (refused.statusCode() != 429) {
                pending.decrementAndGet();
                log.warn("Asynchronous invocation {} of {} dropped: {}", event.requestId, function.functionName(),
                        refused.getMessage());
            } else if (concurrency.isDisabled(function)) {
                giveUp(event, "RetriesExhausted"); // reserved concurrency 0: straight to the destination, as on AWS
            } else {
                Duration backoff = backoff(event.throttles++);
                log.debug("Asynchronous invocation {} of {} throttled; next attempt in {}", event.requestId,
                        function.functionName(), backoff);
                schedule(event, backoff);
            }
            return;
        } catch (RuntimeException unexpected) {
            pending.decrementAndGet();
            log.error("Asynchronous invocation {} of {} could not run: {}", event.requestId, function.functionName(),
                    unexpected.getMessage());
            return;
        }
        event.attempts++;
        running.whenComplete((invocation, error) -> {
            if (error != null) {
                pending.decrementAndGet();
                log.warn("Asynchronous invocation {} of {} could not run: {}", event.requestId, function.functionName(),
                        error.getMessage());
            } else if (invocation.succeeded()) {
                pending.decrementAndGet();
            } else {
                event.lastResult = invocation.result();
                int retriesDone = event.attempts - 1;
                if (retriesDone < event.maximumRetries) {
                    Duration delay = settings.retryDelays().get(retriesDone);
                    log.info("Asynchronous invocation {} of {} failed ({}): retry {} of {} in {}", event.requestId,
                            function.functionName(), errorTypeOf(invocation.result()), retriesDone + 1,
                            event.maximumRetries, delay);
                    schedule(event, delay);
                } else {
                    giveUp(event, "RetriesExhausted");
                }
            }
        });
    }

    private Duration backoff(int throttlesBefore) {
        Duration delay = settings.throttleBackoff().multipliedBy(1L << Math.min(throttlesBefore, 20));
        return delay.compareTo(settings.maximumBackoff()) > 0 ? settings.maximumBackoff() : delay;
    }

    private void giveUp(Event event, String condition) {
        pending.decrementAndGet();
        Instant now = clock.instant();
        String record = record(event, condition, now);
        log.warn("Asynchronous invocation {} of {} given up ({} after {} attempts): its invocation record goes to the"
                        + " on-failure destination, which iotlocal logs: {}", event.requestId,
                event.pool.function().functionName(), condition, event.attempts, record);
        onFailure.accept(new AsyncFailure(event.pool.function().functionName(), event.requestId, condition, event.attempts,
                event.payload, Optional.ofNullable(event.lastResult), now, record));
    }

    /** The invocation record, in the shape Lambda sends to an on-failure destination. */
    private String record(Event event, String condition, Instant now) {
        ObjectNode record = json.createObjectNode().put("version", "1.0").put("timestamp", now.toString());
        record.putObject("requestContext").put("requestId", event.requestId).put("functionArn", event.arn + ":$LATEST")
                .put("condition", condition).put("approximateInvokeCount", event.attempts);
        record.set("requestPayload", parse(event.payload));
        if (event.lastResult != null) {
            ObjectNode response = record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
            if (event.lastResult instanceof InvocationResult.Failure) {
                response.put("functionError", "Unhandled");
            }
            record.set("responsePayload", parse(event.lastResult.payload()));
        }
        return record.toString();
    }

    private JsonNode parse(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException notJson) {
            return json.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static String errorTypeOf(InvocationResult result) {
        return result instanceof InvocationResult.Failure f ? f.errorType() : "success";
    }

    /** One queued event; touched only by the queue's thread and the completion of its own attempt, never both at once. */
    private static final class Event {
        final FunctionPool pool;
        final String arn;
        final String requestId;
        final byte[] payload;
        final Instant accepted;
        final int maximumRetries;
        int attempts;
        int throttles;
        InvocationResult lastResult;

        Event(FunctionPool pool, String arn, String requestId, byte[] payload, Instant accepted, int maximumRetries) {
            this.pool = pool;
            this.arn = arn;
            this.requestId = requestId;
            this.payload = payload;
            this.accepted = accepted;
            this.maximumRetries = maximumRetries;
        }
    }
}
