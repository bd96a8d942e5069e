package dev.iotlocal.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends the threads of a discarded environment that do not end on interrupt: a handler in a busy loop or swallowing
 * {@code InterruptedException}, and threads the function started and left running. On AWS the environment's process
 * is killed; one JVM cannot kill a thread, so the last resort is {@link Thread#stop()}, which Java 17 still honours.
 * It is used only while the thread runs the function's own code or the JDK, never while it holds the emulator's
 * locks. Such a thread never blocks other invocations: each environment has its own.
 *
 * <p>The checks run on a thread of their own that ends when nothing is left to check, so they go on after the
 * runtime is closed: a function's runaway thread never outlives its emulator by more than the grace period.
 */
final class RunawayThreads {

    private static final Logger log = LoggerFactory.getLogger(RunawayThreads.class);
    private static final int ATTEMPTS = 20;

    private final ScheduledThreadPoolExecutor checks;
    private final Duration grace;
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

    RunawayThreads(Duration grace) {
        this.grace = grace;
        this.checks = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "lambda-runaway-threads");
            t.setDaemon(true);
            return t;
        });
        checks.setKeepAliveTime(2, TimeUnit.SECONDS);
        checks.allowCoreThreadTimeOut(true);
        checks.setRemoveOnCancelPolicy(true);
    }

    /** Checks, after the grace period, that the interrupted thread of a discarded environment has ended. */
    void watch(Thread thread, String functionName, String loaderName) {
        schedule(thread, functionName, loaderName, 1);
    }

    /** Stops the handler now (it ran out of memory: every moment it runs, it allocates more), then watches it. */
    void stopNow(Thread thread, String functionName, String loaderName) {
        if (thread.isAlive() && inFunctionCode(thread.getStackTrace(), loaderName)) {
            stop(thread, functionName);
        }
        watch(thread, functionName, loaderName);
    }

    /**
     * The threads the function started in this environment and left running (its own thread excepted): they are
     * interrupted now and stopped after the grace period if they go on. Threads of the JDK's shared pools are left
     * alone; they belong to no function.
     */
    void endLeftovers(ThreadGroup threads, ClassLoader loader, Thread except, String functionName) {
        Thread[] found = new Thread[threads.activeCount() + 16];
        int count = threads.enumerate(found, true);
        List<Thread> leftovers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = found[i];
            if (thread != except && thread != Thread.currentThread() && thread.getContextClassLoader() == loader) {
                leftovers.add(thread);
            }
        }
        if (leftovers.isEmpty()) {
            return;
        }
        log.debug("{} left {} thread(s) running in its discarded environment: interrupting them", functionName, leftovers.size());
        leftovers.forEach(Thread::interrupt);
        String loaderName = loader.getName(); // not the loader itself: the check must not keep the function's classes
        checks.schedule(() -> stopLeftovers(leftovers, functionName, loaderName), grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * One warning for all the threads the function left behind, then each is watched as a runaway handler is. The
     * idle workers of a pool the function kept (a client's, say: kept between invocations, as it should be) are not
     * runaways: an interrupt never ends them, and stopping one would only make its pool start another.
     */
    private void stopLeftovers(List<Thread> leftovers, String functionName, String loaderName) {
        List<Thread> running = new ArrayList<>();
        List<Thread> idleForever = new ArrayList<>();
        List<Thread> watched = new ArrayList<>();
        for (Thread thread : leftovers) {
            if (!thread.isAlive()) {
                continue;
            }
            StackTraceElement[] stack = thread.getStackTrace();
            if (inFunctionCode(stack, loaderName)) {
                running.add(thread);
                watched.add(thread);
            } else {
                switch (idlePoolWorker(stack)) {
                    case NEVER_ENDS -> idleForever.add(thread);
                    case TIMES_OUT -> log.debug("{} is an idle pool worker of {}: it ends when its pool's keep-alive"
                            + " time passes", thread.getName(), functionName);
                    case NO -> watched.add(thread);
                }
            }
        }
        if (!running.isEmpty()) {
            log.warn("{} thread(s) that {} started ({}{}) ignored the interrupt after its environment was discarded:"
                            + " stopping them (Thread.stop, a last resort; on AWS the environment's process is killed)."
                            + " Make the function end the threads it starts, or end when interrupted.", running.size(),
                    functionName, running.get(0).getName(), running.size() > 1 ? ", ..." : "");
            running.forEach(t -> stop(t, functionName));
        }
        if (!idleForever.isEmpty()) {
            log.warn("{} idle thread(s) of a pool that {} keeps ({}{}) stay after its environment was discarded: its pool"
                            + " never lets them time out, and nothing can end them in this JVM (on AWS the environment's"
                            + " process is killed). Each keeps that environment's classes in memory. Let the pool's idle"
                            + " threads time out (ThreadPoolExecutor.allowCoreThreadTimeOut) to free them here too.",
                    idleForever.size(), functionName, idleForever.get(0).getName(), idleForever.size() > 1 ? ", ..." : "");
        }
        watched.forEach(t -> schedule(t, functionName, loaderName, 2));
    }

    /** Whether a thread waits for work in a JDK pool, and whether that wait ends on its own. */
    enum PoolWait { NO, TIMES_OUT, NEVER_ENDS }

    /**
     * A {@link java.util.concurrent.ThreadPoolExecutor} worker between tasks waits in its queue's {@code take()} if
     * it is a core thread that never times out, else in {@code poll(timeout)}; a {@link java.util.concurrent.ForkJoinPool}
     * worker's wait always times out. Any frame outside the JDK means the thread is doing something else.
     */
    static PoolWait idlePoolWorker(StackTraceElement[] stack) {
        boolean takes = false;
        for (StackTraceElement frame : stack) {
            String owner = frame.getClassName();
            if (!(owner.startsWith("java.") || owner.startsWith("jdk.") || owner.startsWith("sun."))) {
                return PoolWait.NO;
            }
            if (owner.equals("java.util.concurrent.ForkJoinPool") && frame.getMethodName().equals("awaitWork")) {
                return PoolWait.TIMES_OUT;
            }
            if (owner.equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                return takes ? PoolWait.NEVER_ENDS : PoolWait.TIMES_OUT;
            }
            takes |= frame.getMethodName().equals("take");
        }
        return PoolWait.NO;
    }

    private void schedule(Thread thread, String functionName, String loaderName, int attempt) {
        long cpuTime = cpuTime(thread);
        checks.schedule(() -> check(thread, functionName, loaderName, attempt, cpuTime),
                grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check(Thread thread, String functionName, String loaderName, int attempt, long cpuTimeBefore) {
        if (!thread.isAlive()) {
            return;
        }
        if (attempt == ATTEMPTS + 1) {
            // Each stop wakes the thread (one that catches ThreadDeath and waits again, say): whether it keeps a CPU
            // busy is measured over one more grace period without a stop.
            schedule(thread, functionName, loaderName, attempt + 1);
            return;
        }
        if (attempt > ATTEMPTS) {
            long cpuTime = cpuTime(thread);
            boolean busy = cpuTime < 0 || cpuTimeBefore < 0 || cpuTime > cpuTimeBefore;
            log.error("A thread of {} ({}) still runs after its environment was discarded and cannot be stopped. {}",
                    functionName, thread.getName(), busy
                            ? "It keeps a CPU busy until the emulator's JVM exits: make the function's code end when interrupted."
                            : "It waits (on a socket, say) and ends when that wait does; what it holds open stays open until then.");
            return;
        }
        if (inFunctionCode(thread.getStackTrace(), loaderName)) {
            if (attempt == 1) {
                log.warn("A thread of {} ignored the interrupt after its environment was discarded and still runs ({}):"
                        + " stopping it (Thread.stop, a last resort; on AWS the environment's process is killed). Make the"
                        + " function's code end when interrupted.", functionName, thread.getName());
            }
            if (!stop(thread, functionName)) {
                return;
            }
        }
        schedule(thread, functionName, loaderName, attempt + 1);
    }

    private long cpuTime(Thread thread) {
        try {
            return cpu.isThreadCpuTimeSupported() ? cpu.getThreadCpuTime(thread.getId()) : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** True when every frame above the function's own is the JDK's: stopping cannot break the emulator's state. */
    static boolean inFunctionCode(StackTraceElement[] stack, String loaderName) {
        for (StackTraceElement frame : stack) {
            if (loaderName.equals(frame.getClassLoaderName())) {
                return true;
            }
            String owner = frame.getClassName();
            if (!(owner.startsWith("java.") || owner.startsWith("jdk.") || owner.startsWith("sun."))) {
                return false;
            }
        }
        return false;
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Thread thread, String functionName) {
        try {
            // Its end is expected: the ThreadDeath must not reach a default handler (a test's, say) as a failure.
            thread.setUncaughtExceptionHandler((stopped, e) -> {
                if (!(e instanceof ThreadDeath)) {
                    log.debug("A stopped thread of {} ended with {}", functionName, e.toString());
                }
            });
            thread.stop();
            return true;
        } catch (UnsupportedOperationException newerJava) {
            log.error("This Java version cannot stop the runaway thread of {} ({}): it keeps running until the JVM exits."
                    + " Make the function's code end when interrupted.", functionName, thread.getName());
            return false;
        }
    }
}
