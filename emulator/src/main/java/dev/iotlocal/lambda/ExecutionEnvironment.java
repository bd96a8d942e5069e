package dev.iotlocal.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.lambda.Invocation.InvocationType;
import dev.iotlocal.lambda.InvocationResult.Cause;
import dev.iotlocal.lambda.internal.FunctionExit;

import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution environment: the function's own class loader, environment variables, handler instance and
 * thread. It runs one invocation at a time; a timeout or an exit discards it, and the next invocation starts cold.
 */
final class ExecutionEnvironment {

    private final FunctionConfiguration function;
    private final String arn;
    private final String logStreamName;
    private final FunctionClassLoader loader;
    private final ExecutorService thread;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final FunctionLogger logger;
    /** Per environment, so Jackson's caches never keep a discarded environment's classes alive. */
    private final ObjectMapper json;
    private final AtomicBoolean discarded = new AtomicBoolean();
    private Handler handler; // only touched on the environment's thread
    private volatile Thread worker;

    ExecutionEnvironment(FunctionConfiguration function, String arn, String logStreamName, Map<String, String> variables,
                         String threadName, ScheduledExecutorService timer, Clock clock) {
        this.function = function;
        this.arn = arn;
        this.logStreamName = logStreamName;
        this.timer = timer;
        this.clock = clock;
        this.logger = new FunctionLogger(function.functionName());
        this.loader = function.artifact().map(jar -> FunctionClassLoader.forArtifact(threadName, toUrl(jar)))
                .orElseGet(() -> FunctionClassLoader.forClasspath(threadName));
        this.loader.installEnvironment(variables);
        this.json = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            t.setContextClassLoader(loader); // the SDK finds its HTTP client and services through it
            return t;
        });
    }

    private static java.net.URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a usable path: " + jar, e);
        }
    }

    boolean isDiscarded() {
        return discarded.get();
    }

    /** Runs one invocation on this environment's thread; completes when it ends, fails or times out. */
    CompletableFuture<Invocation> invoke(String requestId, byte[] event, InvocationType type) {
        CompletableFuture<Invocation> done = new CompletableFuture<>();
        try {
            thread.execute(() -> run(requestId, event, type, done));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("The execution environment was discarded"));
        }
        return done;
    }

    private void run(String requestId, byte[] event, InvocationType type, CompletableFuture<Invocation> done) {
        worker = Thread.currentThread();
        logger.beginInvocation();
        Optional<Duration> init = Optional.empty();
        if (handler == null) {
            long initStart = System.nanoTime();
            try {
                handler = Handler.load(function.handler(), loader, json);
            } catch (Handler.HandlerException | RuntimeException | LinkageError e) {
                String errorType = e instanceof Handler.HandlerException h ? h.errorType() : "Runtime.HandlerInitializationError";
                init = Optional.of(Duration.ofNanos(System.nanoTime() - initStart));
                Instant now = clock.instant();
                logger.log("START RequestId: " + requestId + " Version: $LATEST");
                logger.log(e.getMessage());
                finishWithReport(done, requestId, event, type, now, init,
                        failure(Cause.INIT, errorType, e.getMessage(), e.getCause()), new AtomicBoolean(), 0);
                discard();
                return;
            }
            init = Optional.of(Duration.ofNanos(System.nanoTime() - initStart));
        }
        Instant start = clock.instant();
        Instant deadline = start.plus(function.timeout());
        logger.log("START RequestId: " + requestId + " Version: $LATEST");
        AtomicBoolean finished = new AtomicBoolean();
        Optional<Duration> initDuration = init;
        ScheduledFuture<?> watchdog = timer.schedule(() -> timeOut(done, requestId, event, type, start, initDuration, finished),
                function.timeout().toNanos(), TimeUnit.NANOSECONDS);
        long allocatedBefore = allocatedBytes();
        InvocationResult result;
        try {
            byte[] response = handler.invoke(event, new LambdaContext(requestId, function, arn, logStreamName, deadline, clock, logger));
            result = new InvocationResult.Success(response);
        } catch (FunctionExit exit) {
            result = failure(Cause.EXIT, "Runtime.ExitError",
                    "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exit.status(), null);
            discard();
        } catch (Handler.HandlerException e) {
            result = failure(Cause.UNHANDLED, e.errorType(), e.getMessage(), e.getCause());
        } catch (Throwable t) {
            result = errorOf(t);
        }
        watchdog.cancel(false);
        if (result instanceof InvocationResult.Failure f && f.cause() == Cause.UNHANDLED) {
            logger.log(f.payloadAsString());
        }
        long allocated = allocatedBytes() - allocatedBefore;
        finishWithReport(done, requestId, event, type, start, initDuration, result, finished, allocated);
        worker = null;
    }

    private void timeOut(CompletableFuture<Invocation> done, String requestId, byte[] event, InvocationType type,
                         Instant start, Optional<Duration> init, AtomicBoolean finished) {
        if (finished.get()) {
            return;
        }
        double seconds = Duration.between(start, clock.instant()).toNanos() / 1e9;
        String message = String.format(Locale.ROOT, "%s %s Task timed out after %.2f seconds", clock.instant(), requestId, seconds);
        ObjectNode error = json.createObjectNode().put("errorMessage", message);
        InvocationResult result = new InvocationResult.Failure(Cause.TIMEOUT, "Sandbox.Timedout", message, bytes(error));
        if (finishWithReport(done, requestId, event, type, start, init, result, finished, 0)) {
            // AWS stops the environment; here the thread is interrupted and the environment never used again.
            discard();
        }
    }

    /** Logs END and REPORT and completes the invocation once, whichever of handler and watchdog comes first. */
    private boolean finishWithReport(CompletableFuture<Invocation> done, String requestId, byte[] event, InvocationType type,
                                     Instant start, Optional<Duration> init, InvocationResult result,
                                     AtomicBoolean finished, long allocatedBytes) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        Instant end = clock.instant();
        Duration duration = Duration.between(start, end);
        logger.log("END RequestId: " + requestId);
        logger.log(report(requestId, duration, init, allocatedBytes));
        if (result instanceof InvocationResult.Failure f && f.cause() == Cause.TIMEOUT) {
            logger.log(f.errorMessage());
        }
        done.complete(new Invocation(requestId, function.functionName(), type, event, result, start, duration, init,
                logger.endInvocation()));
        return true;
    }

    private String report(String requestId, Duration duration, Optional<Duration> init, long allocatedBytes) {
        double ms = duration.toNanos() / 1e6;
        long billed = Math.max(1, (long) Math.ceil(ms));
        // Max Memory Used is estimated from what the invocation's thread allocated, capped at the memory size:
        // one JVM cannot measure a single function's resident memory.
        long usedMb = Math.min(function.memorySizeMb(), Math.max(1, allocatedBytes / (1024 * 1024)));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t",
                requestId, ms, billed, function.memorySizeMb(), usedMb));
        init.ifPresent(d -> line.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", d.toNanos() / 1e6)));
        return line.toString();
    }

    private InvocationResult errorOf(Throwable t) {
        ObjectNode error = errorNode(t);
        return new InvocationResult.Failure(Cause.UNHANDLED, t.getClass().getName(),
                String.valueOf(t.getMessage()), bytes(error));
    }

    private InvocationResult failure(Cause cause, String errorType, String message, Throwable throwable) {
        ObjectNode error = json.createObjectNode().put("errorMessage", message).put("errorType", errorType);
        if (throwable != null) {
            error.set("stackTrace", stackTrace(throwable));
        }
        return new InvocationResult.Failure(cause, errorType, message, bytes(error));
    }

    private ObjectNode errorNode(Throwable t) {
        ObjectNode error = json.createObjectNode();
        error.put("errorMessage", t.getMessage());
        error.put("errorType", t.getClass().getName());
        error.set("stackTrace", stackTrace(t));
        if (t.getCause() != null && t.getCause() != t) {
            error.set("cause", errorNode(t.getCause()));
        }
        return error;
    }

    private ArrayNode stackTrace(Throwable t) {
        ArrayNode trace = json.createArrayNode();
        for (StackTraceElement element : t.getStackTrace()) {
            if (element.getClassName().startsWith(Handler.class.getName())
                    || element.getClassName().startsWith("jdk.internal.reflect")) {
                break; // the runtime's own frames are not the function's concern
            }
            trace.add(element.getClassName() + "." + element.getMethodName() + "("
                    + element.getFileName() + ":" + element.getLineNumber() + ")");
        }
        return trace;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /** Never used again: interrupts a handler still running and releases the function's code. */
    void discard() {
        if (discarded.compareAndSet(false, true)) {
            thread.shutdownNow();
            Thread running = worker;
            if (running != null) {
                running.interrupt();
            }
            loader.release();
        }
    }
}
