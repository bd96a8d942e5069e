package dev.iotlocal.broker;

import java.time.Duration;

/**
 * How AWS IoT treats the keep-alive a client asks for: 0 and anything above the maximum become the maximum
 * (1200 s), anything below the minimum becomes the minimum (30 s); a client silent for 1.5 times the result is
 * disconnected.
 */
record KeepAlive(int minimumSeconds, int maximumSeconds) {

    static final KeepAlive AWS = new KeepAlive(30, 1200);

    KeepAlive {
        if (minimumSeconds < 1 || maximumSeconds < minimumSeconds) {
            throw new IllegalArgumentException("Keep-alive bounds must satisfy 1 <= minimum <= maximum, were "
                    + minimumSeconds + " and " + maximumSeconds);
        }
    }

    /** The keep-alive the broker applies to a client that asked for {@code requestedSeconds}. */
    int effectiveSeconds(int requestedSeconds) {
        if (requestedSeconds == 0 || requestedSeconds > maximumSeconds) {
            return maximumSeconds;
        }
        return Math.max(requestedSeconds, minimumSeconds);
    }

    /** How long a client may stay silent before it is disconnected. */
    Duration silenceAllowed(int effectiveSeconds) {
        return Duration.ofMillis(effectiveSeconds * 1500L);
    }
}
