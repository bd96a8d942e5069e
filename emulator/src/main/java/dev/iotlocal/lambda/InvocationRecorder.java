package dev.iotlocal.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The completed invocations a test can take, oldest first. Bounded: it remembers the latest ones only, so a
 * long-running emulator does not grow.
 */
final class InvocationRecorder {

    private static final int CAPACITY = 1_000;

    private final Deque<Invocation> completed = new ArrayDeque<>();

    synchronized void record(Invocation invocation) {
        if (completed.size() == CAPACITY) {
            completed.removeFirst();
        }
        completed.addLast(invocation);
        notifyAll();
    }

    /** Removes and returns the oldest completed invocation of the function, waiting up to {@code timeout}. */
    synchronized Optional<Invocation> take(String functionName, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<Invocation> it = completed.iterator(); it.hasNext(); ) {
                Invocation invocation = it.next();
                if (invocation.functionName().equals(functionName)) {
                    it.remove();
                    return Optional.of(invocation);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    synchronized List<Invocation> snapshot() {
        return new ArrayList<>(completed);
    }

    synchronized void clear() {
        completed.clear();
    }
}
