package dev.iotlocal.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * PONG latencies split by when their request was sent: during the ramp (sessions still being set up), or in the
 * steady window, which is what the scale figures are about.
 */
final class Phases {

    final Samples ramp = new Samples();
    final Samples steady = new Samples();
    final AtomicLong rampMissing = new AtomicLong();
    final AtomicLong steadyMissing = new AtomicLong();
    final AtomicLong steadySent = new AtomicLong();
    private volatile long steadyStart = Long.MAX_VALUE;
    private volatile long steadyEnd = Long.MAX_VALUE;

    void startSteady(long nanos) {
        steadyStart = nanos;
    }

    void endSteady(long nanos) {
        steadyEnd = nanos;
    }

    boolean isSteady(long sentAt) {
        return sentAt - steadyStart >= 0 && sentAt - steadyEnd < 0;
    }

    void pong(long sentAt, long latency) {
        if (isSteady(sentAt)) {
            steady.add(latency);
            steadySent.incrementAndGet();
        } else if (sentAt - steadyStart < 0) {
            ramp.add(latency);
        }
    }

    void missing(long sentAt) {
        if (isSteady(sentAt)) {
            steadyMissing.incrementAndGet();
            steadySent.incrementAndGet();
        } else if (sentAt - steadyStart < 0) {
            rampMissing.incrementAndGet();
        }
    }
}
