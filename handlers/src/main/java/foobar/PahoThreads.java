package foobar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Paho runs on, kept by the execution environment from one invocation to the next. Without them Paho
 * starts five threads for every connection (connect, receiver, sender, callback, ping timer); with them a connection
 * reuses the idle threads of the one before and starts only Paho's WebSocket reader. Starting threads is what a busy
 * host does slowest: under load a connection waited seconds to send its CONNECT from a thread it had just started.
 *
 * <p>Paho's receiver, sender and callback each hold a thread for the whole connection, and its connect task waits for
 * them to start. So tasks never queue here: a task finding no idle thread gets a new one, as it would without the
 * pool (a fixed-size pool would leave the connect task waiting forever once something held its threads). Only the
 * keep-alive pings are timed, on a timer thread of their own. Idle threads end on their own after {@link #IDLE}: an
 * environment that serves nothing for a while holds none. Paho never shuts down an executor it is given.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    static final Duration IDLE = Duration.ofSeconds(10);

    private final AtomicInteger started = new AtomicInteger();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    PahoThreads() {
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), task -> thread(task, "paho-" + started.incrementAndGet()));
        timer = new ScheduledThreadPoolExecutor(1, task -> thread(task, "paho-ping"));
        timer.setKeepAliveTime(IDLE.toMillis(), TimeUnit.MILLISECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true); // a ping cancelled at disconnect is dropped, not kept until its time
    }

    private static Thread thread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true); // never holds a JVM open, in a test or a local main()
        return thread;
    }

    /** How many worker threads (the timer's aside) this pool has started since it was made. */
    int threadsStarted() {
        return started.get();
    }

    /** Worker threads running a task now. */
    int busyThreads() {
        return workers.getActiveCount();
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(task, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return timer.schedule(task, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return timer.scheduleAtFixedRate(task, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return timer.scheduleWithFixedDelay(task, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        workers.shutdown();
        timer.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> pending = new ArrayList<>(workers.shutdownNow());
        pending.addAll(timer.shutdownNow());
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown() && timer.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return workers.isTerminated() && timer.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return workers.awaitTermination(timeout, unit)
                && timer.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
}
