package dev.iotlocal.bench;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one established seed session busy: a request, then the next one an interval after the previous was sent (or
 * right after a PONG that took longer), one in flight at a time. Each PONG's latency goes to the {@link Phases}.
 */
final class Pinger {

    static final Duration PONG_TIMEOUT = Duration.ofSeconds(5);

    private final SeedSession session;
    private final ScheduledExecutorService scheduler;
    private final Phases phases;
    private final long intervalNanos;
    private volatile boolean running = true;
    private long sentAt;
    private long sequence;
    private boolean awaiting;
    private int steadyPongs;
    private int unexpectedPongs;

    Pinger(SeedSession session, ScheduledExecutorService scheduler, Phases phases, Duration interval) {
        this.session = session;
        this.scheduler = scheduler;
        this.phases = phases;
        this.intervalNanos = interval.toNanos();
        session.mqtt.onArrival(this::arrived);
    }

    /** The first request comes after a random part of the interval, so that sessions do not ping in step. */
    void start() {
        scheduler.schedule(this::ping, (long) (Math.random() * intervalNanos), TimeUnit.NANOSECONDS);
    }

    void stop() {
        running = false;
    }

    synchronized int steadyPongs() {
        return steadyPongs;
    }

    /**
     * PONGs that came when no request was waiting: a second answer to one request, or one after its time-out. The
     * seed's messages carry no request number, so such a PONG arriving while a later request waits is taken as that
     * request's answer (too early), and the right one then counts here.
     */
    synchronized int unexpectedPongs() {
        return unexpectedPongs;
    }

    SeedSession session() {
        return session;
    }

    private void ping() {
        if (!running) {
            return;
        }
        long mySequence;
        long sent;
        synchronized (this) {
            sent = sentAt = System.nanoTime();
            awaiting = true;
            mySequence = ++sequence;
        }
        try {
            session.mqtt.publish(session.requestTopic(), SeedSession.REQUEST);
        } catch (Exception e) {
            synchronized (this) {
                awaiting = false;
            }
            phases.missing(sent); // the connection is gone: this session gets no PONG
            scheduleNext(intervalNanos);
            return;
        }
        scheduler.schedule(() -> timeOut(mySequence), PONG_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void arrived(Arrival arrival) {
        long latency;
        long sent;
        synchronized (this) {
            if (!arrival.contains("\"PONG\"")) {
                return;
            }
            if (!awaiting) {
                unexpectedPongs++; // a late PONG after its time-out was counted as missing
                return;
            }
            awaiting = false;
            sent = sentAt;
            latency = arrival.nanos() - sent;
            if (phases.isSteady(sent)) {
                steadyPongs++;
            }
        }
        phases.pong(sent, latency);
        scheduleNext(Math.max(0, intervalNanos - latency));
    }

    private void timeOut(long expectedSequence) {
        long sent;
        synchronized (this) {
            if (!awaiting || sequence != expectedSequence) {
                return;
            }
            awaiting = false;
            sent = sentAt;
        }
        phases.missing(sent);
        scheduleNext(0);
    }

    private void scheduleNext(long delayNanos) {
        if (running) {
            try {
                scheduler.schedule(this::ping, delayNanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the run is over
            }
        }
    }
}
