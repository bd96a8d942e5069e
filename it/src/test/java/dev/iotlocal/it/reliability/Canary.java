package dev.iotlocal.it.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's browser doing PONG round trips, session after session, while a test does something hostile next to
 * it. It must never miss a PONG: every request is acknowledged and answered by exactly one PONG, each session gets
 * one "ready", and nothing else arrives.
 */
final class Canary implements AutoCloseable {

    /** A canary session: requests 50 ms apart for 15 s; a PONG may take 20 s under load, "ready" 60 s (cold start). */
    private static final SeedSession.Plan PLAN = new SeedSession.Plan(Duration.ofSeconds(15), Integer.MAX_VALUE,
            Duration.ofMillis(50), Duration.ofSeconds(20), Duration.ofSeconds(60), true, false, () -> true, () -> { });

    private final SeedBrowsers browsers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final List<SessionReport> reports = new ArrayList<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Canary(URI sessionUrl) {
        this.browsers = new SeedBrowsers(sessionUrl);
        next();
    }

    /** Starts the canary and waits for its first round trip. */
    static Canary start(URI sessionUrl) {
        Canary canary = new Canary(sessionUrl);
        canary.awaitRoundTrip(Duration.ofSeconds(90));
        return canary;
    }

    private void next() {
        if (!running.get()) {
            stopped.complete(null);
            return;
        }
        browsers.session(PLAN.watched(running::get, roundTrips::incrementAndGet)).whenComplete((report, error) -> {
            synchronized (reports) {
                reports.add(report != null ? report : new SessionReport("", 0, 0, 0, 0, 0, 0, Duration.ZERO,
                        List.of(String.valueOf(error))));
            }
            if (report == null || !report.lostNothing()) {
                running.set(false); // a miss ends the canary: the test reads why
            }
            next();
        });
    }

    int roundTrips() {
        return roundTrips.get();
    }

    /** Waits until one more round trip than now has completed: the emulator still answers. */
    void awaitRoundTrip(Duration within) {
        int before = roundTrips.get();
        await().atMost(within).until(() -> roundTrips.get() > before || stopped.isDone());
    }

    /**
     * Lets one more round trip complete after whatever the test did, stops, and checks that nothing was missed;
     * returns the sessions it ran.
     */
    List<SessionReport> stopAndCheck() throws Exception {
        List<SessionReport> all = stop();
        check();
        return all;
    }

    /** Lets one more round trip complete after whatever the test did, stops, and returns the sessions it ran. */
    List<SessionReport> stop() throws Exception {
        awaitRoundTrip(Duration.ofSeconds(60));
        running.set(false);
        stopped.get(90, TimeUnit.SECONDS);
        browsers.close();
        return reports();
    }

    /** Checks that the canary ran and missed nothing. */
    void check() {
        assertThat(reports()).as("the canary's sessions").isNotEmpty()
                .allSatisfy(report -> assertThat(report.lostNothing()).as("canary %s", report).isTrue());
    }

    private List<SessionReport> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    @Override
    public void close() {
        running.set(false);
        browsers.close();
    }
}
