package dev.iotlocal.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What happened (completed invocations, events given up), for a test to take, oldest first. Bounded: it
 * remembers the latest ones only, so a long-running emulator does not grow.
 */
final class Recorder<T> {

    private static final int CAPACITY = 1_000;

    private final Deque<T> recorded = new ArrayDeque<>();
    private final Function<T, String> functionName;

    Recorder(Function<T, String> functionName) {
        this.functionName = functionName;
    }

    synchronized void record(T item) {
        if (recorded.size() == CAPACITY) {
            recorded.removeFirst();
        }
        recorded.addLast(item);
        notifyAll();
    }

    /** Removes and returns the oldest item of the function, waiting up to {@code timeout}. */
    synchronized Optional<T> take(String function, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<T> it = recorded.iterator(); it.hasNext(); ) {
                T item = it.next();
                if (functionName.apply(item).equals(function)) {
                    it.remove();
                    return Optional.of(item);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    synchronized void clear() {
        recorded.clear();
    }

    synchronized List<T> snapshot() {
        return new ArrayList<>(recorded);
    }
}
