package dev.iotlocal.lambda;

import dev.iotlocal.lambda.Invocation.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    private final LambdaSettings settings;
    private final Clock clock;
    private final Map<String, FunctionPool> byName = new HashMap<>();
    private final List<FunctionPool> pools;
    private final ScheduledExecutorService timer;
    private final InvocationRecorder recorder = new InvocationRecorder();
    private volatile boolean closed;
    private final List<Consumer<Invocation>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @throws IllegalArgumentException naming the function and the fix when a function cannot run here: a timeout
     *                                  above the maximum, a reserved environment variable, a missing artifact
     */
    public LambdaRuntime(LambdaSettings settings, Collection<FunctionConfiguration> functions, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.pools = functions.stream().map(FunctionPool::new).toList();
        for (FunctionPool pool : pools) {
            validate(pool.function);
            for (String name : List.of(pool.function.functionName(), pool.function.shortName(), arn(pool.function))) {
                FunctionPool previous = byName.putIfAbsent(name, pool);
                if (previous != null && previous != pool) {
                    throw new IllegalArgumentException("Two functions are both called '" + name + "': rename one.");
                }
            }
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "lambda-timeouts");
            t.setDaemon(true);
            return t;
        });
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
        return pools.stream().map(p -> p.function).toList();
    }

    /** Finds a function by its deployed name, its short name or its ARN. */
    public Optional<FunctionConfiguration> function(String name) {
        return Optional.ofNullable(byName.get(name)).map(p -> p.function);
    }

    public String arn(FunctionConfiguration function) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + function.functionName();
    }

    /** A synchronous ({@code RequestResponse}) invocation; completes when the function has answered or failed. */
    public CompletableFuture<Invocation> invoke(String functionName, byte[] event) {
        return invoke(functionName, event, InvocationType.REQUEST_RESPONSE);
    }

    /**
     * An asynchronous ({@code Event}) invocation, as IoT rules make: returns once the invocation is accepted; the
     * function's outcome is logged and recorded, never thrown.
     *
     * @throws FunctionNotFoundException when no function has that name (Lambda's ResourceNotFoundException)
     * @throws RuntimeException          when the invocation cannot start (the runtime was closed, ...)
     */
    public void invokeAsync(String functionName, byte[] event) {
        CompletableFuture<Invocation> accepted = invoke(functionName, event, InvocationType.EVENT);
        if (accepted.isCompletedExceptionally()) { // refused before it started: the caller hears of it
            try {
                accepted.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException refused ? refused : e;
            }
        }
        accepted.whenComplete((invocation, error) -> {
            if (error != null) {
                log.error("Asynchronous invocation of {} could not run: {}", functionName, error.getMessage());
            } else if (!invocation.succeeded()) {
                log.warn("Asynchronous invocation {} of {} failed: {}", invocation.requestId(), functionName,
                        invocation.result().payloadAsString());
            }
        });
    }

    private CompletableFuture<Invocation> invoke(String functionName, byte[] event, InvocationType type) {
        FunctionPool pool = byName.get(functionName);
        if (pool == null) {
            return CompletableFuture.failedFuture(new FunctionNotFoundException(functionName,
                    pools.stream().map(p -> p.function.functionName()).toList()));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Lambda runtime was closed."));
        }
        String requestId = UUID.randomUUID().toString();
        while (true) {
            ExecutionEnvironment environment;
            try {
                environment = pool.acquire();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            Optional<CompletableFuture<Invocation>> started = environment.invoke(requestId, event, type);
            if (started.isEmpty()) {
                pool.release(environment); // discarded meanwhile: take another
                continue;
            }
            return started.get().whenComplete((invocation, error) -> {
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

    /** Removes and returns the oldest completed invocation of the function not yet taken, waiting up to the timeout. */
    public Optional<Invocation> takeInvocation(String functionName, Duration timeout) throws InterruptedException {
        FunctionPool pool = byName.get(functionName);
        if (pool == null) {
            throw new FunctionNotFoundException(functionName, pools.stream().map(p -> p.function.functionName()).toList());
        }
        return recorder.take(pool.function.functionName(), timeout);
    }

    /** Tells the listener of every completed invocation (the dashboard); called on the invocation's thread. */
    public void onInvocation(Consumer<Invocation> listener) {
        listeners.add(listener);
    }

    /** Forgets the completed invocations recorded so far. */
    public void clearInvocations() {
        recorder.clear();
    }

    /** The latest completed invocations, oldest first. */
    public List<Invocation> invocations() {
        return recorder.snapshot();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        pools.forEach(FunctionPool::stopAll);
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

    /** The execution environments of one function: idle ones are reused, most recent first, while warm. */
    private final class FunctionPool {
        private final FunctionConfiguration function;
        private final ConcurrentLinkedDeque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
        private final Set<ExecutionEnvironment> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicInteger created = new AtomicInteger();

        FunctionPool(FunctionConfiguration function) {
            this.function = function;
        }

        ExecutionEnvironment acquire() {
            ExecutionEnvironment environment;
            while ((environment = idle.pollFirst()) != null) {
                if (!environment.isDiscarded()) {
                    return environment;
                }
            }
            int ordinal = created.incrementAndGet();
            String logStream = LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                    + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
            environment = new ExecutionEnvironment(function, arn(function), logStream, environmentOf(function, logStream),
                    "lambda-" + function.shortName() + "-" + ordinal, timer, clock);
            all.add(environment);
            return environment;
        }

        void release(ExecutionEnvironment environment) {
            if (environment.isDiscarded()) {
                all.remove(environment);
            } else {
                idle.addFirst(environment);
            }
        }

        void stopAll() {
            all.forEach(ExecutionEnvironment::stop);
            all.clear();
            idle.clear();
        }
    }
}
