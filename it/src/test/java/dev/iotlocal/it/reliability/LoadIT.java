package dev.iotlocal.it.reliability;

import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many seed sessions at once (the browser's part played over MQTT over WebSocket, the session and MQTT functions
 * from the seed's jar), each sending QoS 1 requests answered by PONGs, with a canary session next to them. Nothing
 * is lost: every request is acknowledged and answered by exactly one PONG, the MQTT function reports as many
 * answers as the browser sent requests, no unflagged duplicate arrives. When the sessions are over and their
 * execution environments reaped, the JVM holds no more threads, heap or metaspace than before them.
 *
 * <p>The normal build runs the short variant (100 sessions for 20 s). {@code mvn verify -Preliability} runs the long
 * one (1,000 sessions for 5 minutes); {@code -Dreliability.sessions=N -Dreliability.duration=PT2M} sets either.
 */
class LoadIT {

    private static final int SESSIONS = Integer.getInteger("reliability.sessions", 100);
    private static final Duration DURATION = Duration.parse(System.getProperty("reliability.duration", "PT20S"));
    /**
     * One seed session is one MQTT function invocation: its traffic plus the handler's idle timeout must stay inside
     * the function's 45 s timeout. Under heavy load a request can take longer than a short idle timeout to arrive, and
     * the handler then ends the session as idle (as it would on AWS): the long variant gives it 8 s.
     */
    private static final Duration SESSION_LENGTH = min(DURATION,
            Duration.parse(System.getProperty("reliability.session", "PT30S")));
    private static final Duration IDLE = Duration.parse(System.getProperty("reliability.idle", "PT2S"));
    /**
     * How long an idle execution environment is kept. Short in the normal suite, so that the check for growth finds
     * every environment reaped soon after the sessions; the long variant keeps them 30 s, closer to Lambda's minutes:
     * reaping and re-creating environments between one user's sessions turned 1,000 sessions into a storm of cold
     * starts on 2 cores (RELIABILITY.md).
     */
    private static final Duration ENVIRONMENT_IDLE = Duration.parse(System.getProperty("reliability.environment.idle",
            "PT3S"));
    /** A browser whose session could not be set up tries again after a second, as a person would, not at once. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration PAUSE = Duration.parse(System.getProperty("reliability.pause", "PT0.2S"));
    private static final Duration RAMP = Duration.parse(System.getProperty("reliability.ramp",
            SESSIONS > 200 ? "PT3M" : "PT10S"));
    private static final Pattern ANSWERED = Pattern.compile("channel (\\S+): answered (\\d+) request\\(s\\), stopped: ([^\"]+)");

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(System.getProperty("iotlocal.example.config"))
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", Long.toString(IDLE.toSeconds())))
            .configure(builder -> builder
                    .idleEnvironmentTimeout(ENVIRONMENT_IDLE)
                    // Every session holds one MQTT invocation for its whole length: the account needs room for all
                    // of them and for the session function, as an AWS account would need a raised limit.
                    .concurrencyLimit(Math.max(1000, SESSIONS * 2 + 200)))
            .build();

    /** What each MQTT invocation said it did, by channel; not the invocations, whose logs would be growth of the test's own. */
    private final Map<String, Answered> mqttInvocations = new ConcurrentHashMap<>();

    private record Answered(int requests, String stoppedBecause) {
    }
    private final AtomicInteger failedMqttInvocations = new AtomicInteger();

    @Test
    void manySeedSessionsLoseNothingAndLeaveNothingBehind() throws Exception {
        iot.iot().lambda().onInvocation(this::record);
        List<SessionReport> warmUp = runSessions(3, Duration.ofSeconds(2)); // loads what the first sessions load, once
        awaitQuiet(started(warmUp));
        JvmUse before = JvmUse.now();
        String histogramBefore = JvmUse.classHistogram(25);

        Canary canary = Canary.start(iot.apiUrl("/"));
        long start = System.nanoTime();
        List<SessionReport> sessions = runSessions(SESSIONS, DURATION);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<SessionReport> canarySessions = canary.stop();

        awaitQuiet(started(warmUp) + started(sessions) + started(canarySessions));
        // A discarded environment's threads are watched for a grace period before it can be collected: poll.
        JvmUse after = JvmUse.now();
        for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); !withinTolerance(before, after)
                && System.nanoTime() < until; after = JvmUse.now()) {
            Thread.sleep(1000);
        }
        long requests = sessions.stream().mapToLong(SessionReport::requests).sum();
        long slowest = sessions.stream().mapToLong(r -> r.longestRoundTrip().toMillis()).max().orElse(0);
        // The whole picture first, for RELIABILITY.md, whatever the assertions below find.
        System.out.printf("load: %d concurrent seed sessions for %s (ramp %s, pause %s, sessions of %s, idle %s, environments kept %s):"
                        + " %d sessions, %d lost nothing, %d with problems (%s); %d requests, %d acknowledged,"
                        + " %d PONGs, %d flagged duplicates, %d unexpected, slowest round trip %d ms, took %s;"
                        + " %d MQTT invocations failed; canary: %d sessions, %d round trips, %d with problems (%s);"
                        + " JVM before: %s; after: %s%n",
                SESSIONS, DURATION, RAMP, PAUSE, SESSION_LENGTH, IDLE, ENVIRONMENT_IDLE, sessions.size(),
                sessions.stream().filter(SessionReport::lostNothing).count(),
                sessions.stream().filter(r -> !r.lostNothing()).count(), problemKinds(sessions), requests,
                sessions.stream().mapToLong(SessionReport::acknowledged).sum(),
                sessions.stream().mapToLong(SessionReport::pongs).sum(),
                sessions.stream().mapToLong(SessionReport::flaggedDuplicates).sum(),
                sessions.stream().mapToLong(SessionReport::unexpected).sum(), slowest, took,
                failedMqttInvocations.get(), canarySessions.size(),
                canarySessions.stream().mapToLong(SessionReport::requests).sum(),
                canarySessions.stream().filter(r -> !r.lostNothing()).count(), problemKinds(canarySessions),
                before, after);
        if (!withinTolerance(before, after) || Boolean.getBoolean("reliability.histogram")) {
            System.out.printf("load: the JVM holds more than before; live objects before:%n%s%nafter:%n%s%n",
                    histogramBefore, JvmUse.classHistogram(25));
        }
        canary.check();

        assertThat(sessions).hasSizeGreaterThanOrEqualTo(SESSIONS)
                .allSatisfy(report -> assertThat(report.lostNothing()).as("%s", report).isTrue());
        assertThat(failedMqttInvocations.get()).as("MQTT function invocations that failed").isZero();
        for (SessionReport session : sessions) {
            Answered answered = mqttInvocations.get(session.channel());
            assertThat(answered).as("the MQTT function's invocation for channel %s", session.channel()).isNotNull();
            assertThat(answered.requests()).as("answers the function counted on %s", session.channel())
                    .isEqualTo(session.requests());
            assertThat(answered.stoppedBecause()).isEqualTo("idle");
        }
        assertNoGrowth(before, after);
        // Javalin opens an HTTP session per WebSocket upgrade; the edge keeps none. The one exception is not a leak:
        // a Jetty selector's key iterator still references the last connection it served (and so its upgrade
        // request and session) until its next network event, which on a quiet server may not come for a while.
        long selectors = JvmUse.liveInstances("org.eclipse.jetty.io.ManagedSelector");
        assertThat(JvmUse.liveInstances("org.eclipse.jetty.session.ManagedSession"))
                .as("HTTP sessions kept by the edge server (it uses none; each of its %d selectors may still reference"
                        + " the last connection it served)", selectors)
                .isLessThanOrEqualTo(selectors);
    }

    private void record(Invocation invocation) {
        if (!invocation.functionName().endsWith("-mqtt")) {
            return;
        }
        if (!invocation.succeeded()) {
            failedMqttInvocations.incrementAndGet();
            System.err.println("MQTT invocation failed: " + invocation.result().payloadAsString());
        }
        Matcher answered = ANSWERED.matcher(invocation.result().payloadAsString());
        if (answered.find()) {
            mqttInvocations.put(answered.group(1), new Answered(Integer.parseInt(answered.group(2)), answered.group(3)));
        }
    }

    /**
     * {@code users} virtual users, started evenly over the ramp, each running seed sessions one after the other
     * until {@code duration} has passed since it started; returns every session's report.
     */
    private List<SessionReport> runSessions(int users, Duration duration) throws Exception {
        List<SessionReport> reports = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try (SeedBrowsers browsers = new SeedBrowsers(iot.apiUrl("/"))) {
            for (int user = 0; user < users; user++) {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                done.add(finished);
                long delay = users == 1 ? 0 : RAMP.toNanos() * user / users;
                starter.schedule(() -> loop(browsers, System.nanoTime() + duration.toNanos(), reports, finished),
                        delay, TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                    .get(RAMP.plus(duration).plusMinutes(5).toSeconds(), TimeUnit.SECONDS);
        } finally {
            starter.shutdownNow();
        }
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    private void loop(SeedBrowsers browsers, long end, List<SessionReport> reports, CompletableFuture<Void> finished) {
        long left = end - System.nanoTime();
        if (left <= Duration.ofSeconds(1).toNanos()) {
            finished.complete(null);
            return;
        }
        Duration length = min(SESSION_LENGTH, Duration.ofNanos(left));
        browsers.session(SeedSession.Plan.of(length, PAUSE)).whenComplete((report, error) -> {
            synchronized (reports) {
                reports.add(report);
            }
            if (report.readies() == 0) {
                CompletableFuture.delayedExecutor(RETRY_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> loop(browsers, end, reports, finished));
            } else {
                loop(browsers, end, reports, finished);
            }
        });
    }

    /** Sessions with problems, counted by the kind of their first problem (its words up to the first digit or colon). */
    private static Map<String, Long> problemKinds(List<SessionReport> reports) {
        return reports.stream().filter(r -> !r.lostNothing())
                .map(r -> r.problems().isEmpty() ? "counts differ" : r.problems().get(0).split("[0-9:]", 2)[0].trim())
                .collect(java.util.stream.Collectors.groupingBy(kind -> kind, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    /** How many of the sessions started the MQTT function (it said "ready"). */
    private static int started(List<SessionReport> sessions) {
        return (int) sessions.stream().filter(report -> report.readies() > 0).count();
    }

    /** Every MQTT invocation so far has ended and every execution environment has been reaped. */
    private void awaitQuiet(int mqttInvocationsExpected) {
        await().atMost(Duration.ofMinutes(2)).until(() -> mqttInvocations.size() + failedMqttInvocations.get()
                >= mqttInvocationsExpected);
        // A failed asynchronous invocation is retried after one and then two more minutes, as Lambda does: its
        // environments come and go until the last retry has ended. The summary must still be printed then.
        Duration retries = failedMqttInvocations.get() == 0 ? Duration.ZERO : Duration.ofMinutes(3).plus(SESSION_LENGTH);
        await().atMost(ENVIRONMENT_IDLE.plus(retries).plusMinutes(1)).until(() -> iot.iot().lambda().environments("mqtt") == 0
                && iot.iot().lambda().environments("session") == 0);
        iot.iot().reset(); // the recorders keep the latest invocations and messages, by design: not growth
    }

    /**
     * Threads, heap and metaspace back where they were, within a tolerance for the JVM's own variation. Jetty's
     * worker pool grows under load and gives idle threads back after 60 s: its threads are counted apart.
     */
    private static boolean withinTolerance(JvmUse before, JvmUse after) {
        try {
            assertNoGrowth(before, after);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static void assertNoGrowth(JvmUse before, JvmUse after) {
        String jetty = "JettyServerThreadPool-#";
        assertThat(after.threadsExcept(jetty)).as("threads but Jetty's pool, before: %s, after: %s", before, after)
                .isLessThanOrEqualTo(before.threadsExcept(jetty) + 5);
        assertThat(after.heapBytes()).as("heap after GC, before: %s, after: %s", before, after)
                .isLessThanOrEqualTo(before.heapBytes() + Math.max(64L << 20, before.heapBytes() / 4));
        assertThat(after.metaspaceBytes()).as("metaspace, before: %s, after: %s", before, after)
                .isLessThanOrEqualTo(before.metaspaceBytes() + (32L << 20));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
