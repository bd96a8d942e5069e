package dev.iotlocal.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends handlers that outlive their discarded environment because they ignore the interrupt (a busy loop, a
 * swallowed {@code InterruptedException}). On AWS the environment's process is killed; one JVM cannot kill a
 * thread, so the last resort is {@link Thread#stop()}, which Java 17 still honours. It is used only while the
 * thread runs the function's own code or the JDK, never while it holds the emulator's locks. Such a thread never
 * blocks other invocations: each environment has its own.
 */
final class RunawayThreads {

    private static final Logger log = LoggerFactory.getLogger(RunawayThreads.class);
    private static final int ATTEMPTS = 20;

    private final ScheduledExecutorService timer;
    private final Duration grace;

    RunawayThreads(ScheduledExecutorService timer, Duration grace) {
        this.timer = timer;
        this.grace = grace;
    }

    /** Checks, after the grace period, that the interrupted thread of a discarded environment has ended. */
    void watch(Thread thread, String functionName, String loaderName) {
        schedule(thread, functionName, loaderName, 1);
    }

    private void schedule(Thread thread, String functionName, String loaderName, int attempt) {
        try {
            timer.schedule(() -> check(thread, functionName, loaderName, attempt), grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // the emulator stops: its daemon threads end with the JVM
        }
    }

    private void check(Thread thread, String functionName, String loaderName, int attempt) {
        if (!thread.isAlive()) {
            return;
        }
        if (attempt > ATTEMPTS) {
            log.error("The handler of {} on thread {} still runs after its environment was discarded and cannot be stopped."
                    + " It keeps a CPU busy until the emulator's JVM exits: fix the handler so that it ends on interrupt.",
                    functionName, thread.getName());
            return;
        }
        if (inFunctionCode(thread.getStackTrace(), loaderName)) {
            if (attempt == 1) {
                log.warn("The handler of {} ignored the interrupt after its timeout and still runs on thread {}: stopping"
                        + " the thread (Thread.stop, a last resort; on AWS the environment's process is killed). Make the"
                        + " handler end when interrupted.", functionName, thread.getName());
            }
            if (!stop(thread, functionName)) {
                return;
            }
        }
        schedule(thread, functionName, loaderName, attempt + 1);
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
            thread.stop();
            return true;
        } catch (UnsupportedOperationException newerJava) {
            log.error("This Java version cannot stop the runaway handler of {} on thread {}: it keeps running until the"
                    + " JVM exits. Make the handler end when interrupted.", functionName, thread.getName());
            return false;
        }
    }
}
