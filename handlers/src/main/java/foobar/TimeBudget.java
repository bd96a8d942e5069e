package foobar;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a session must stop: after an idle period without requests, and in any case a safety margin before
 * the function's own deadline, so the handler disconnects and returns instead of being killed.
 */
final class TimeBudget {

    enum Stop { IDLE, DEADLINE }

    private final LongSupplier nanoTime;
    private final long idleNanos;
    private final long hardStop;
    private long lastActivity;

    /**
     * @param remaining what context.getRemainingTimeInMillis() said at the start
     * @param margin kept free at the end for disconnecting and returning
     */
    TimeBudget(Duration remaining, Duration margin, Duration idle, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.idleNanos = idle.toNanos();
        long now = nanoTime.getAsLong();
        this.hardStop = now + remaining.minus(margin).toNanos();
        this.lastActivity = now;
    }

    /** A request arrived: the idle period starts again. */
    void activity() {
        lastActivity = nanoTime.getAsLong();
    }

    /** Time until the function's deadline minus the margin; zero or negative means stop now. */
    Duration untilDeadline() {
        return Duration.ofNanos(hardStop - nanoTime.getAsLong());
    }

    /** Time to wait for the next request before one of the two limits is reached. */
    Duration untilStop() {
        long now = nanoTime.getAsLong();
        return Duration.ofNanos(Math.min(lastActivity + idleNanos, hardStop) - now);
    }

    /** Which limit ends the session (DEADLINE when it comes first or together). */
    Stop reason() {
        return hardStop <= lastActivity + idleNanos ? Stop.DEADLINE : Stop.IDLE;
    }
}
