package dev.iotlocal.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a function that holds more memory than its {@code memorySize} from taking the emulator down. On AWS the
 * environment's process is killed at its memory size ({@code Runtime.OutOfMemory}); here every function shares one
 * heap, so a handler that allocates until memory runs out would starve the broker and every other function.
 *
 * <p>What the invocation's own thread allocates is watched. Once it has allocated more than the memory size, and the
 * heap holds more than the memory size above what it held when the invocation started, a collection tells garbage
 * from what is kept; if the heap still holds that much more, the invocation is ended as out of memory. A handler
 * that allocates a lot but keeps little (parsing, streaming) is never ended: each such check backs off. As a last
 * resort, when the heap is nearly full after a collection, the running invocation that allocated most beyond its
 * memory size is ended. Memory allocated by threads the function starts itself is not attributed to it.
 */
final class MemoryWatch {

    private static final Logger log = LoggerFactory.getLogger(MemoryWatch.class);
    private static final long INTERVAL_MILLIS = 20;
    /** Above this share of the maximum heap, after a collection, the emulator itself is in danger. */
    private static final double NEARLY_FULL = 0.85;
    private static final long NEARLY_FULL_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.ThreadMXBean threads = threadBean();
    private long lastNearlyFullCheck = System.nanoTime() - NEARLY_FULL_CHECK_NANOS;

    /** One running invocation: ended through {@code exceeded} when it keeps more than {@code limitBytes}. */
    final class Watched implements AutoCloseable {
        private final long threadId;
        private final long limitBytes;
        private final Runnable exceeded;
        private final long allocatedAtStart;
        private final long heapAtStart;
        private long nextCheckAt;

        private Watched(Thread thread, long limitBytes, Runnable exceeded) {
            this.threadId = thread.getId();
            this.limitBytes = limitBytes;
            this.exceeded = exceeded;
            this.allocatedAtStart = allocated(threadId);
            this.heapAtStart = memory.getHeapMemoryUsage().getUsed();
            this.nextCheckAt = limitBytes;
        }

        long allocatedSinceStart() {
            long now = allocated(threadId);
            return now < 0 ? 0 : now - allocatedAtStart;
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }

    /** Starts checking on the runtime's timer; only while something is watched does a check cost anything. */
    MemoryWatch(ScheduledExecutorService timer) {
        if (threads != null) {
            timer.scheduleWithFixedDelay(this::checkSafely, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            log.warn("This JVM cannot tell what each thread allocates: functions that keep more than their memorySize"
                    + " are not ended as out of memory, and one that allocates until memory runs out stops the emulator.");
        }
    }

    /** Watches the invocation running on {@code thread} (the caller's) until the returned handle is closed. */
    Watched watch(Thread thread, int memorySizeMb, Runnable exceeded) {
        Watched watched = new Watched(thread, memorySizeMb * 1024L * 1024L, exceeded);
        if (threads != null) {
            running.add(watched);
        }
        return watched;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Checking the functions' memory failed: {}", e.toString());
        }
    }

    private void check() {
        if (running.isEmpty()) {
            return;
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        for (Watched watched : running) {
            long allocated = watched.allocatedSinceStart();
            if (allocated < watched.nextCheckAt || used - watched.heapAtStart <= watched.limitBytes) {
                continue;
            }
            used = collect();
            if (used - watched.heapAtStart > watched.limitBytes) {
                end(watched);
            } else {
                // It allocates more than it keeps: look again after half as much more, so a busy parser costs few collections.
                watched.nextCheckAt = allocated + Math.max(watched.limitBytes, allocated / 2);
            }
        }
        long max = memory.getHeapMemoryUsage().getMax();
        if (max > 0 && used > max * NEARLY_FULL && System.nanoTime() - lastNearlyFullCheck > NEARLY_FULL_CHECK_NANOS) {
            lastNearlyFullCheck = System.nanoTime();
            long live = collect();
            if (live > max * NEARLY_FULL) {
                Optional<Watched> largest = running.stream()
                        .filter(w -> w.allocatedSinceStart() > w.limitBytes)
                        .max(Comparator.comparingLong(Watched::allocatedSinceStart));
                largest.ifPresentOrElse(this::end, () -> log.warn("The emulator's heap is nearly full ({} of {} MB in use)"
                        + " and no function holds more than its memorySize: give the JVM more memory (-Xmx).",
                        live >> 20, max >> 20));
            }
        }
    }

    private void end(Watched watched) {
        if (running.remove(watched)) {
            watched.exceeded.run();
        }
    }

    private long collect() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private long allocated(long threadId) {
        return threads == null ? 0 : threads.getThreadAllocatedBytes(threadId);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}
