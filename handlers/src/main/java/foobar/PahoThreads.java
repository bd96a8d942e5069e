package foobar;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Paho runs on, kept by the execution environment from one invocation to the next. Without them Paho
 * starts five threads for every connection (connect, receiver, sender, callback, ping timer); with them it starts
 * one, its WebSocket reader. Starting threads is what a busy host does slowest: under load a connection waited
 * seconds to send its CONNECT from a thread it had just started.
 *
 * <p>Paho never shuts down an executor it is given, so one serves every connection the environment makes. Idle
 * threads end on their own: an environment that serves nothing for a while holds none.
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {

    /**
     * Paho's tasks for one connection that run at once: connect, receiver, sender and callback, and a ping now and
     * then; one spare. A scheduled pool never grows beyond this, so it must hold every task that runs at once.
     */
    static final int SIZE = 6;
    static final Duration IDLE = Duration.ofSeconds(10);

    private final AtomicInteger started = new AtomicInteger();

    PahoThreads() {
        super(SIZE);
        setThreadFactory(task -> {
            Thread thread = new Thread(task, "paho-" + started.incrementAndGet());
            thread.setDaemon(true); // never holds a JVM open, in a test or a local main()
            return thread;
        });
        setKeepAliveTime(IDLE.toMillis(), TimeUnit.MILLISECONDS);
        allowCoreThreadTimeOut(true);
        setRemoveOnCancelPolicy(true); // a cancelled ping is dropped, not kept until its time
    }

    /** How many threads this pool has started since it was made. */
    int threadsStarted() {
        return started.get();
    }
}
