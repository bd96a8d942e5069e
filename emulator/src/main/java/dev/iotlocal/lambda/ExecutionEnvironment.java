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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
    private final RunawayThreads runaway;
    private final MemoryWatch memory;
    /** Every thread of this environment: its own, and those the function starts (they inherit the group). */
    private final ThreadGroup threads;
    private final LogLineStream standardOutput;
    private final LogLineStream standardError;
    private final AtomicBoolean discarded = new AtomicBoolean();
    private static final String OUT_OF_MEMORY = "Runtime.OutOfMemory";
    /** AWS gives initialisation its own 10 s on top of the function's timeout. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    /** The JVM's one ThreadMXBean, kept: asking ManagementFactory for it on every invocation was a cost of its own. */
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();
    /**
     * Writes the runtime's error documents. It only ever sees JSON trees of strings, never the function's objects, so
     * its caches hold none of a function's classes and one mapper serves every environment (one per environment was
     * some kilobytes of each live environment's memory).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Handler handler; // only touched on the environment's thread
    private volatile Thread worker;
    private volatile CompletableFuture<Invocation> current;
    private volatile long idleSince = System.nanoTime();

    ExecutionEnvironment(FunctionConfiguration function, String arn, String logStreamName, Map<String, String> variables,
                         String threadName, DeploymentPackage code, ScheduledExecutorService timer, Clock clock,
                         RunawayThreads runaway, MemoryWatch memory) {
        this.function = function;
        this.arn = arn;
        this.logStreamName = logStreamName;
        this.timer = timer;
        this.clock = clock;
        this.runaway = runaway;
        this.memory = memory;
        this.threads = new ThreadGroup(threadName);
        this.logger = new FunctionLogger(function.functionName());
        this.loader = new FunctionClassLoader(threadName, code);
        this.standardOutput = new LogLineStream(logger);
        this.standardError = new LogLineStream(logger);
        this.loader.installEnvironment(variables, standardOutput.printStream(), standardError.printStream());
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(threads, task, threadName);
            t.setDaemon(true);
            t.setContextClassLoader(loader); // the SDK finds its HTTP client and services through it
            return t;
        });
    }

    boolean isDiscarded() {
        return discarded.get();
    }

    /** Since when this environment has been idle, in {@link System#nanoTime()}; set when it is released. */
    long idleSince() {
        return idleSince;
    }

    void markIdle() {
        idleSince = System.nanoTime();
    }

    /**
     * Runs one invocation on this environment's thread; completes when it ends, fails or times out. Empty when the
     * environment was discarded meanwhile: the caller takes another.
     */
    Optional<CompletableFuture<Invocation>> invoke(String requestId, byte[] event, InvocationType type) {
        CompletableFuture<Invocation> done = new CompletableFuture<>();
        try {
            thread.execute(() -> run(requestId, event, type, done));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        current = done;
        return Optional.of(done);
    }

    private void run(String requestId, byte[] event, InvocationType type, CompletableFuture<Invocation> done) {
        worker = Thread.currentThread();
        logger.beginInvocation();
        AtomicBoolean finished = new AtomicBoolean();
        Instant start = clock.instant();
        AtomicReference<Instant> handlerStart = new AtomicReference<>(start);
        AtomicReference<Optional<Duration>> initDuration = new AtomicReference<>(Optional.empty());
        MemoryWatch.Watched watched = memory.watch(worker, function.memorySizeMb(), () -> outOfMemory(done, requestId,
                event, type, handlerStart.get(), initDuration.get(), finished));
        // A watchdog covers initialisation too (AWS's init limit), so a constructor that blocks cannot hang its caller.
        ScheduledFuture<?> watchdog;
        try {
            boolean cold = handler == null;
            watchdog = timer.schedule(() -> timeOut(done, requestId, event, type, start, cold ? null : Optional.empty(), finished),
                    (cold ? INIT_LIMIT : function.timeout()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            done.completeExceptionally(new IllegalStateException("The Lambda runtime was closed."));
            return;
        }
        try {
            Optional<Duration> init = Optional.empty();
            if (handler == null) {
                long initStart = System.nanoTime();
                try {
                    handler = Handler.load(function.handler(), loader);
                } catch (Handler.HandlerException | RuntimeException | LinkageError e) {
                    String errorType = e instanceof Handler.HandlerException h ? h.errorType() : "Runtime.HandlerInitializationError";
                    logger.logRuntime("START RequestId: " + requestId + " Version: $LATEST");
                    logger.logRuntime(e.getMessage());
                    finishWithReport(done, requestId, event, type, start,
                            Optional.of(Duration.ofNanos(System.nanoTime() - initStart)),
                            failure(Cause.INIT, errorType, e.getMessage(), e.getCause()), finished, 0);
                    return;
                }
                init = Optional.of(Duration.ofNanos(System.nanoTime() - initStart));
                watchdog.cancel(false);
                if (finished.get()) {
                    return; // initialisation outlasted its limit and was reported as timed out
                }
            }
            Instant invoked = clock.instant();
            handlerStart.set(invoked);
            initDuration.set(init);
            if (init.isPresent()) {
                Optional<Duration> cold = init;
                watchdog = timer.schedule(() -> timeOut(done, requestId, event, type, invoked, cold, finished),
                        function.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            Instant deadline = invoked.plus(function.timeout());
            logger.logRuntime("START RequestId: " + requestId + " Version: $LATEST");
            long allocatedBefore = allocatedBytes();
            InvocationResult result;
            try {
                byte[] response = handler.invoke(event, new LambdaContext(requestId, function, arn, logStreamName, deadline, clock, logger));
                result = new InvocationResult.Success(response);
            } catch (FunctionExit exit) {
                result = failure(Cause.EXIT, "Runtime.ExitError",
                        "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exit.status(), null);
            } catch (Handler.HandlerException e) {
                result = failure(Cause.UNHANDLED, e.errorType(), e.getMessage(), e.getCause());
            } catch (Throwable t) {
                result = errorOf(t);
            }
            if (finished.get()) {
                return; // timed out meanwhile: reported already, and this environment is discarded
            }
            if (result instanceof InvocationResult.Failure f && f.cause() == Cause.UNHANDLED) {
                logger.logRuntime(f.payloadAsString());
            }
            finishWithReport(done, requestId, event, type, invoked, init, result, finished, allocatedBytes() - allocatedBefore);
        } catch (Throwable unexpected) {
            // A failure of the runtime itself (an error document that cannot be written, say): never leave the caller waiting.
            finishWithReport(done, requestId, event, type, start, Optional.empty(),
                    new InvocationResult.Failure(Cause.INIT, "Runtime.Unknown", String.valueOf(unexpected),
                            ("{\"errorMessage\":\"The runtime failed\",\"errorType\":\"Runtime.Unknown\"}").getBytes()),
                    finished, 0);
        } finally {
            watched.close();
            watchdog.cancel(false);
            worker = null;
        }
    }

    /**
     * The invocation keeps more than the function's memory size (see {@link MemoryWatch}): ended as Lambda ends an
     * environment whose process went over its memory, and its thread stopped at once, since it allocates on.
     */
    private void outOfMemory(CompletableFuture<Invocation> done, String requestId, byte[] event, InvocationType type,
                             Instant start, Optional<Duration> init, AtomicBoolean finished) {
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed";
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message).put("errorType", OUT_OF_MEMORY);
        InvocationResult result = new InvocationResult.Failure(Cause.OUT_OF_MEMORY, OUT_OF_MEMORY, message, bytes(error));
        if (finishWithReport(done, requestId, event, type, start, init, result, finished, function.memorySizeMb() * 1024L * 1024L)) {
            org.slf4j.LoggerFactory.getLogger(ExecutionEnvironment.class).warn("{} kept more than its memorySize of {} MB:"
                    + " the invocation {} was ended as out of memory (Runtime.OutOfMemory), as Lambda ends it. Raise"
                    + " memorySize, or keep less in memory.", function.functionName(), function.memorySizeMb(), requestId);
        }
    }

    /** @param init the cold start's init duration; null when initialisation itself ran out of time */
    private void timeOut(CompletableFuture<Invocation> done, String requestId, byte[] event, InvocationType type,
                         Instant start, Optional<Duration> init, AtomicBoolean finished) {
        if (finished.get()) {
            return;
        }
        Instant now = clock.instant();
        double seconds = Duration.between(start, now).toNanos() / 1e9;
        String message = String.format(Locale.ROOT, "%s %s Task timed out after %.2f seconds",
                now.truncatedTo(ChronoUnit.MILLIS), requestId, seconds);
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message);
        InvocationResult result = new InvocationResult.Failure(Cause.TIMEOUT, "Sandbox.Timedout", message, bytes(error));
        finishWithReport(done, requestId, event, type, start,
                init != null ? init : Optional.of(Duration.between(start, now)), result, finished, 0);
    }

    /** Logs END and REPORT and completes the invocation once, whichever of handler and watchdog comes first. */
    private boolean finishWithReport(CompletableFuture<Invocation> done, String requestId, byte[] event, InvocationType type,
                                     Instant start, Optional<Duration> init, InvocationResult result,
                                     AtomicBoolean finished, long allocatedBytes) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        if (result instanceof InvocationResult.Failure f && f.cause() != Cause.UNHANDLED) {
            // Timeout, exit, out of memory or a failed start: AWS ends the environment. It must be out of use before
            // the caller hears of the failure, or the next invocation could be handed to it.
            discard(f.cause() == Cause.OUT_OF_MEMORY);
        }
        Instant end = clock.instant();
        Duration duration = Duration.between(start, end);
        standardOutput.endLine();
        standardError.endLine();
        logger.logRuntime("END RequestId: " + requestId);
        logger.logRuntime(report(requestId, duration, init, allocatedBytes));
        if (result instanceof InvocationResult.Failure f && f.cause() == Cause.TIMEOUT) {
            logger.logRuntime(f.errorMessage());
        } else if (result instanceof InvocationResult.Failure f && f.cause() == Cause.OUT_OF_MEMORY) {
            logger.logRuntime(f.errorMessage());
            logger.logRuntime(OUT_OF_MEMORY);
        }
        done.complete(new Invocation(requestId, function.functionName(), type, event, result, start, duration, init,
                logger.endInvocation()));
        return true;
    }

    private String report(String requestId, Duration duration, Optional<Duration> init, long allocatedBytes) {
        // Max Memory Used is estimated from what the invocation's thread allocated, capped at the memory size:
        // one JVM cannot measure a single function's resident memory.
        long usedMb = Math.min(function.memorySizeMb(), Math.max(1, allocatedBytes / (1024 * 1024)));
        return reportLine(requestId, duration.toNanos(), function.memorySizeMb(), usedMb, init.map(Duration::toNanos));
    }

    /**
     * Lambda's REPORT line: {@code REPORT RequestId: <id>\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size:
     * 512 MB\tMax Memory Used: 1 MB\t} and, after a cold start, {@code Init Duration: 301.50 ms\t}. Built by hand:
     * String.format was most of the runtime's own cost of a warm invocation.
     */
    static String reportLine(String requestId, long durationNanos, int memorySizeMb, long usedMb, Optional<Long> initNanos) {
        long billed = Math.max(1, (durationNanos + 999_999) / 1_000_000); // whole milliseconds, rounded up
        StringBuilder line = new StringBuilder(160).append("REPORT RequestId: ").append(requestId).append("\tDuration: ");
        appendMillis(line, durationNanos).append(" ms\tBilled Duration: ").append(billed)
                .append(" ms\tMemory Size: ").append(memorySizeMb).append(" MB\tMax Memory Used: ").append(usedMb).append(" MB\t");
        initNanos.ifPresent(nanos -> appendMillis(line.append("Init Duration: "), nanos).append(" ms\t"));
        return line.toString();
    }

    /** Nanoseconds as milliseconds with two decimals, rounded half up: what {@code %.2f} gives for nanos / 1e6. */
    private static StringBuilder appendMillis(StringBuilder line, long nanos) {
        if (nanos < 0) { // a clock set back during the invocation: printed as %.2f prints it
            line.append('-');
        }
        long hundredths = (Math.abs(nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return line.append(hundredths / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
    }

    private InvocationResult errorOf(Throwable t) {
        ObjectNode error = errorNode(t, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return new InvocationResult.Failure(Cause.UNHANDLED, t.getClass().getName(),
                String.valueOf(messageOf(t)), bytes(error));
    }

    /** The exception's message; null when even asking for it fails (the function's exception class is its own). */
    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private InvocationResult failure(Cause cause, String errorType, String message, Throwable throwable) {
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message).put("errorType", errorType);
        if (throwable != null) {
            error.set("stackTrace", stackTrace(throwable));
        }
        return new InvocationResult.Failure(cause, errorType, message, bytes(error));
    }

    private ObjectNode errorNode(Throwable t, java.util.Set<Throwable> seen) {
        seen.add(t);
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", messageOf(t));
        error.put("errorType", t.getClass().getName());
        error.set("stackTrace", stackTrace(t));
        Throwable cause = t.getCause();
        if (cause != null && !seen.contains(cause) && seen.size() < 20) { // causes can form a cycle
            error.set("cause", errorNode(cause, seen));
        }
        return error;
    }

    private ArrayNode stackTrace(Throwable t) {
        ArrayNode trace = JSON.createArrayNode();
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
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long allocatedBytes() {
        if (THREADS != null && THREADS.isThreadAllocatedMemoryEnabled()) {
            return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() ? bean : null;
    }

    /** Discards the environment because the emulator stops; an invocation still running fails now. */
    void stop() {
        discard(false);
        CompletableFuture<Invocation> running = current;
        if (running != null) {
            running.completeExceptionally(new IllegalStateException("The emulator stopped during the invocation."));
        }
    }

    /** Never used again: interrupts a handler still running and the threads the function left. */
    void discard() {
        discard(false);
    }

    /**
     * Never used again, as when AWS ends the environment's process: interrupts a handler still running (or, when it
     * ran out of memory, stops it at once) and the threads the function left running.
     */
    private void discard(boolean stopAtOnce) {
        if (discarded.compareAndSet(false, true)) {
            thread.shutdownNow();
            Thread running = worker;
            if (running != null && running != Thread.currentThread()) { // an exit ends on its own thread
                running.interrupt();
                if (stopAtOnce) {
                    runaway.stopNow(running, function.functionName(), loader.getName());
                } else {
                    runaway.watch(running, function.functionName(), loader.getName());
                }
            }
            runaway.endLeftovers(threads, loader, running, function.functionName());
        }
    }
}
