package dev.iotlocal.lambda;

import dev.iotlocal.lambda.Invocation.InvocationType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The emulated Lambda service: runs the deployed functions in-process, each invocation in an execution
 * environment of its own function (reused while warm, created cold when none is free), with the function's
 * timeout, environment and Context as Lambda gives them.
 */
public final class LambdaRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LambdaRuntime.class);

    /** Lambda refuses to deploy a function that sets one of these itself. */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    /** Lambda's payload limits: 6 MB each way for synchronous calls, 256 KB for an asynchronous event. */
    public static final int MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
    public static final int MAX_ASYNC_PAYLOAD_BYTES = 256 * 1024;
    /** The response limit Lambda reports: 100 bytes above the request's. */
    static final int MAX_RESPONSE_BYTES = MAX_SYNC_PAYLOAD_BYTES + 100;
    /** How long an interrupted handler of a discarded environment may take to end before it is stopped. */
    private static final Duration RUNAWAY_GRACE = Duration.ofSeconds(1);

    private static final JsonFactory JSON = new JsonFactory();

    private final LambdaSettings settings;
    private final Clock clock;
    private final Map<String, FunctionPool> byName = new HashMap<>();
    private final List<FunctionPool> pools;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService asyncThread;
    private final Concurrency concurrency;
    private final AsyncQueue asyncQueue;
    private final RunawayThreads runaway;
    private final MemoryWatch memory;
    private final Recorder<Invocation> recorder = new Recorder<>(Invocation::functionName);
    private final Recorder<AsyncFailure> asyncFailures = new Recorder<>(AsyncFailure::functionName);
    private volatile boolean closed;
    /** The invocations running now, with their function's name: what a stop waits for. */
    private final Map<CompletableFuture<Invocation>, String> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Consumer<Invocation>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** One per deployment jar (functions deployed from one jar share it) and one for the classpath. */
    private final Map<Optional<java.nio.file.Path>, DeploymentPackage> packages = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException naming the function and the fix when a function cannot run here: a timeout
     *                                  above the maximum, a reserved environment variable, a missing artifact, more
     *                                  reserved concurrency than the limit allows
     */
    public LambdaRuntime(LambdaSettings settings, Collection<FunctionConfiguration> functions, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.concurrency = new Concurrency(settings.concurrencyLimit(), functions);
        // A cancelled timeout must leave the queue at once: it holds its environment (and the function's classes)
        // until its deadline otherwise, up to the function's timeout after the invocation ended.
        java.util.concurrent.ScheduledThreadPoolExecutor timeouts = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                daemon("lambda-timeouts"));
        timeouts.setRemoveOnCancelPolicy(true);
        this.timer = timeouts;
        this.asyncThread = Executors.newSingleThreadScheduledExecutor(daemon("lambda-async-queue"));
        this.runaway = new RunawayThreads(RUNAWAY_GRACE);
        this.memory = new MemoryWatch(timer);
        this.pools = functions.stream().map(f -> new FunctionPool(f, ordinal -> newEnvironment(f, ordinal))).toList();
        for (FunctionPool pool : pools) {
            validate(pool.function());
            for (String name : List.of(pool.function().functionName(), pool.function().shortName(), arn(pool.function()))) {
                FunctionPool previous = byName.putIfAbsent(name, pool);
                if (previous != null && previous != pool) {
                    throw new IllegalArgumentException("Two functions are both called '" + name + "': rename one.");
                }
            }
        }
        this.asyncQueue = new AsyncQueue(settings.async(), asyncThread, this::start, concurrency, clock, asyncFailures::record);
        long reapEvery = Math.max(10, Math.min(30_000, settings.idleEnvironmentTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(() -> pools.forEach(p -> p.reap(settings.idleEnvironmentTimeout())),
                reapEvery, reapEvery, TimeUnit.MILLISECONDS);
        if (!java.time.ZoneId.systemDefault().normalized().equals(ZoneOffset.UTC)) {
            log.info("This JVM's default time zone is {}; on AWS functions run in UTC. Start the JVM with"
                    + " -Duser.timezone=UTC to match (the functions' TZ variable says UTC).", java.time.ZoneId.systemDefault());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void validate(FunctionConfiguration function) {
        if (function.timeout().compareTo(settings.maximumTimeout()) > 0) {
            throw new IllegalArgumentException("Function " + function.shortName() + ": timeout "
                    + function.timeout().toSeconds() + " s is above the maximum of " + settings.maximumTimeout().toSeconds()
                    + " s. Lower the timeout, or raise the emulator's maximum timeout (AWS allows up to 900 s).");
        }
        for (String name : function.environment().keySet()) {
            if (RESERVED_VARIABLES.contains(name)) {
                throw new IllegalArgumentException("Function " + function.shortName() + ": environment variable " + name
                        + " is reserved by Lambda, which refuses to deploy a function that sets it. Remove it.");
            }
        }
        function.artifact().ifPresent(jar -> {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("Function " + function.shortName() + ": the deployment artifact "
                        + jar + " does not exist. Build it first (for example `mvn package` in its project).");
            }
        });
    }

    public List<FunctionConfiguration> functions() {
        return pools.stream().map(FunctionPool::function).toList();
    }

    /**
     * Finds a function as Lambda's Invoke API does: by its deployed name, its short name, its ARN or partial ARN
     * ({@code 123456789012:function:name}), each optionally qualified with {@code :$LATEST}.
     */
    public Optional<FunctionConfiguration> function(String name) {
        return pool(name).map(FunctionPool::function);
    }

    private Optional<FunctionPool> pool(String name) {
        FunctionPool pool = byName.get(name);
        if (pool == null && name.endsWith(":$LATEST")) {
            return pool(name.substring(0, name.length() - ":$LATEST".length()));
        }
        if (pool == null && name.matches("\\d{12}:function:.+")) {
            pool = byName.get("arn:aws:lambda:" + settings.region() + ":" + name);
        }
        return Optional.ofNullable(pool);
    }

    /**
     * The function of that name, as {@link #function(String)} finds it.
     *
     * @throws FunctionNotFoundException Lambda's {@code ResourceNotFoundException}, naming the deployed functions
     */
    public FunctionConfiguration requireFunction(String name) {
        return require(name).function();
    }

    private FunctionPool require(String name) {
        return pool(name).orElseThrow(() -> new FunctionNotFoundException(
                name.startsWith("arn:") ? name : "arn:aws:lambda:" + settings.region() + ":" + settings.accountId()
                        + ":function:" + name, pools.stream().map(p -> p.function().functionName()).toList()));
    }

    public String arn(FunctionConfiguration function) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + function.functionName();
    }

    /**
     * A synchronous ({@code RequestResponse}) invocation; completes when the function has answered or failed. It
     * fails with a {@link LambdaServiceException} when Lambda refuses it: {@link FunctionNotFoundException}, a
     * request above 6 MB, or {@code TooManyRequestsException} when no concurrency is free.
     */
    public CompletableFuture<Invocation> invoke(String functionName, byte[] event) {
        try {
            FunctionPool pool = require(functionName);
            if (event.length > MAX_SYNC_PAYLOAD_BYTES) {
                throw LambdaServiceException.requestTooLarge(MAX_SYNC_PAYLOAD_BYTES);
            }
            requireJson(event);
            return start(pool, UUID.randomUUID().toString(), event, InvocationType.REQUEST_RESPONSE);
        } catch (LambdaServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * An asynchronous ({@code Event}) invocation, as IoT rules make: returns once Lambda has accepted the event;
     * the function's outcome (retries, the on-failure record) is logged and recorded, never thrown.
     *
     * @throws LambdaServiceException when Lambda refuses the event (unknown function, too large, queue full): the
     *                                caller hears of it, as an IoT rule's error action does
     */
    public void invokeAsync(String functionName, byte[] event) {
        invokeEvent(functionName, event);
    }

    /**
     * Queues an asynchronous ({@code Event}) invocation, as the Invoke API answers 202 to it. The event runs as soon
     * as the function has concurrency; throttled or failed attempts are retried, then the event is given up (see
     * {@link #takeAsyncFailure}).
     *
     * @return the request id the function will see as {@code context.getAwsRequestId()}
     * @throws LambdaServiceException when Lambda refuses the event: {@link FunctionNotFoundException}, an event above
     *                                256 KB, the emulator closed
     */
    public String invokeEvent(String functionName, byte[] event) {
        FunctionPool pool = require(functionName);
        if (event.length > MAX_ASYNC_PAYLOAD_BYTES) {
            throw LambdaServiceException.requestTooLarge(MAX_ASYNC_PAYLOAD_BYTES);
        }
        requireJson(event);
        if (closed) {
            throw LambdaServiceException.stopped();
        }
        String requestId = UUID.randomUUID().toString();
        asyncQueue.submit(pool, arn(pool.function()), requestId, event);
        return requestId;
    }

    /** Lambda takes only JSON events: anything else is {@code InvalidRequestContentException}. */
    private static void requireJson(byte[] event) {
        try (JsonParser parser = JSON.createParser(event)) {
            if (parser.nextToken() == null) {
                throw LambdaServiceException.invalidJson("No content to map due to end-of-input");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw LambdaServiceException.invalidJson("Unexpected content after the JSON value at "
                        + parser.currentLocation().offsetDescription());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw LambdaServiceException.invalidJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw LambdaServiceException.invalidJson(e.getMessage());
        }
    }

    /** Runs one invocation if the function has concurrency; throws {@code TooManyRequestsException} if not. */
    private CompletableFuture<Invocation> start(FunctionPool pool, String requestId, byte[] event) {
        return start(pool, requestId, event, InvocationType.EVENT);
    }

    private CompletableFuture<Invocation> start(FunctionPool pool, String requestId, byte[] event, InvocationType type) {
        if (closed) {
            throw LambdaServiceException.stopped();
        }
        Runnable permit = concurrency.acquire(pool.function());
        while (true) {
            ExecutionEnvironment environment;
            try {
                environment = pool.acquire();
            } catch (RuntimeException e) {
                permit.run();
                return CompletableFuture.failedFuture(e);
            }
            Optional<CompletableFuture<Invocation>> started = environment.invoke(requestId, event, type);
            if (started.isEmpty()) {
                pool.release(environment); // discarded meanwhile: take another
                continue;
            }
            CompletableFuture<Invocation> ends = started.get();
            running.put(ends, pool.function().functionName());
            ends.whenComplete((invocation, error) -> running.remove(ends));
            CompletableFuture<Invocation> done = type == InvocationType.REQUEST_RESPONSE
                    ? ends.thenApply(LambdaRuntime::limitResponse) : ends;
            return done.whenComplete((invocation, error) -> {
                permit.run();
                pool.release(environment);
                if (invocation != null) {
                    recorder.record(invocation);
                    for (Consumer<Invocation> listener : listeners) {
                        try {
                            listener.accept(invocation);
                        } catch (RuntimeException e) {
                            log.warn("An invocation listener failed: {}", e.toString());
                        }
                    }
                }
            });
        }
    }

    /** A response above Lambda's limit reaches the caller as Lambda's {@code Function.ResponseSizeTooLarge} error. */
    private static Invocation limitResponse(Invocation invocation) {
        int size = invocation.result().payload().length;
        if (!invocation.succeeded() || size <= MAX_RESPONSE_BYTES) {
            return invocation;
        }
        String message = "Response payload size (" + size + " bytes) exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES + " bytes).";
        byte[] error = ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return invocation.withResult(new InvocationResult.Failure(InvocationResult.Cause.RESPONSE_TOO_LARGE,
                "Function.ResponseSizeTooLarge", message, error));
    }

    private ExecutionEnvironment newEnvironment(FunctionConfiguration function, int ordinal) {
        String logStream = LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
        return new ExecutionEnvironment(function, arn(function), logStream, environmentOf(function, logStream),
                "lambda-" + function.shortName() + "-" + ordinal, deploymentPackage(function), timer, clock, runaway, memory);
    }

    /** The function's code, shared by the environments of every function deployed from the same jar. */
    DeploymentPackage deploymentPackage(FunctionConfiguration function) {
        return packages.computeIfAbsent(function.artifact().map(jar -> jar.toAbsolutePath().normalize()),
                artifact -> artifact.map(DeploymentPackage::ofArtifact).orElseGet(DeploymentPackage::ofClasspath));
    }

    /** Removes and returns the oldest completed invocation of the function not yet taken, waiting up to the timeout. */
    public Optional<Invocation> takeInvocation(String functionName, Duration timeout) throws InterruptedException {
        return recorder.take(require(functionName).function().functionName(), timeout);
    }

    /** Removes and returns the oldest asynchronous event of the function given up, waiting up to the timeout. */
    public Optional<AsyncFailure> takeAsyncFailure(String functionName, Duration timeout) throws InterruptedException {
        return asyncFailures.take(require(functionName).function().functionName(), timeout);
    }

    /** Tells the listener of every completed invocation (the dashboard); called on the invocation's thread. */
    public void onInvocation(Consumer<Invocation> listener) {
        listeners.add(listener);
    }

    /** Forgets the completed invocations and asynchronous failures recorded so far. */
    public void clearInvocations() {
        recorder.clear();
        asyncFailures.clear();
    }

    /** The latest completed invocations, oldest first. */
    public List<Invocation> invocations() {
        return recorder.snapshot();
    }

    /** The function's invocations running now, as CloudWatch's {@code ConcurrentExecutions} counts them. */
    public int concurrentExecutions(String functionName) {
        return require(functionName).concurrentExecutions();
    }

    /** The function's warm execution environments, busy or idle. */
    public int environments(String functionName) {
        return require(functionName).size();
    }

    /**
     * The first step of a stop: refuses new invocations from now on (as {@link #close()} does) and waits up to the
     * grace period for those running to end on their own. {@link #close()} then ends those still running.
     */
    public Drain drain(Duration grace) throws InterruptedException {
        closed = true;
        Map<CompletableFuture<Invocation>, String> inFlight = Map.copyOf(running);
        long deadline = System.nanoTime() + grace.toNanos();
        for (CompletableFuture<Invocation> invocation : inFlight.keySet()) {
            try {
                invocation.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // failed (ended all the same) or still running: counted below
            }
        }
        List<String> cut = inFlight.entrySet().stream().filter(e -> !e.getKey().isDone()).map(Map.Entry::getValue).toList();
        return new Drain(inFlight.size(), inFlight.size() - cut.size(), cut, grace);
    }

    @Override
    public void close() {
        closed = true;
        // Still running at the stop: their environments end with the emulator, as a killed Lambda process does, so
        // they have no result, whatever the function's threads do once interrupted below.
        running.keySet().forEach(invocation -> invocation.completeExceptionally(LambdaServiceException.stopped()));
        asyncThread.shutdownNow();
        timer.shutdownNow();
        pools.forEach(FunctionPool::stopAll);
        packages.values().forEach(DeploymentPackage::close);
    }

    /** The variables Lambda sets, over the emulator's endpoints, over the function's own. */
    private Map<String, String> environmentOf(FunctionConfiguration function, String logStreamName) {
        Map<String, String> variables = new LinkedHashMap<>(function.environment());
        variables.putAll(settings.serviceEnvironment().get());
        LambdaSettings.RoleCredentials role = settings.executionRole();
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_REGION", settings.region());
        variables.put("AWS_DEFAULT_REGION", settings.region());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        variables.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
        variables.put("AWS_SESSION_TOKEN", role.sessionToken());
        variables.put("LAMBDA_TASK_ROOT", "/var/task");
        variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        variables.put("TZ", "UTC");
        variables.put("LANG", "en_US.UTF-8");
        variables.putIfAbsent("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        return variables;
    }
}
