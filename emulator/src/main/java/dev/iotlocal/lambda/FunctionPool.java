package dev.iotlocal.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntFunction;

/**
 * The execution environments of one function: idle ones are reused, most recent first, while warm; those idle
 * longer than the idle timeout are reaped, so the next invocation after a quiet spell starts cold, as on AWS.
 */
final class FunctionPool {

    private static final Logger log = LoggerFactory.getLogger(FunctionPool.class);

    private final FunctionConfiguration function;
    private final IntFunction<ExecutionEnvironment> factory;
    private final ConcurrentLinkedDeque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final Set<ExecutionEnvironment> all = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    private int created; // guarded by this

    /** @param factory creates the n-th environment of the function (1, 2, ...) */
    FunctionPool(FunctionConfiguration function, IntFunction<ExecutionEnvironment> factory) {
        this.function = function;
        this.factory = factory;
    }

    FunctionConfiguration function() {
        return function;
    }

    /** A warm idle environment, or a new one (the cold start happens on its first invocation). */
    ExecutionEnvironment acquire() {
        ExecutionEnvironment environment;
        while ((environment = idle.pollFirst()) != null) {
            if (!environment.isDiscarded()) {
                busy.incrementAndGet();
                return environment;
            }
            all.remove(environment);
        }
        int ordinal;
        synchronized (this) {
            ordinal = ++created;
        }
        environment = factory.apply(ordinal);
        all.add(environment);
        busy.incrementAndGet();
        return environment;
    }

    void release(ExecutionEnvironment environment) {
        busy.decrementAndGet();
        if (environment.isDiscarded()) {
            all.remove(environment);
        } else {
            environment.markIdle();
            idle.addFirst(environment);
        }
    }

    /** Discards the environments idle for longer than {@code idleTimeout}. */
    void reap(Duration idleTimeout) {
        long now = System.nanoTime();
        for (ExecutionEnvironment environment : idle) {
            if (now - environment.idleSince() > idleTimeout.toNanos() && idle.remove(environment)) {
                log.debug("Reaping an execution environment of {}, idle for more than {}", function.functionName(), idleTimeout);
                environment.discard();
                all.remove(environment);
            }
        }
    }

    /** Environments running an invocation now: the function's share of CloudWatch's ConcurrentExecutions. */
    int concurrentExecutions() {
        return busy.get();
    }

    /** Warm environments, idle or busy. */
    int size() {
        return (int) all.stream().filter(e -> !e.isDiscarded()).count();
    }

    void stopAll() {
        all.forEach(ExecutionEnvironment::stop);
        all.clear();
        idle.clear();
    }
}
