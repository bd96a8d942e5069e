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
    /** One seed session is one MQTT function invocation: at most 30 s here (the function's timeout is 45 s). */
    private static final Duration SESSION_LENGTH = min(DURATION, Duration.ofSeconds(30));
    private static final Duration PAUSE = Duration.parse(System.getProperty("reliability.pause", "PT0.2S"));
    private static final Duration RAMP = Duration.parse(System.getProperty("reliability.ramp",
            SESSIONS > 200 ? "PT3M" : "PT10S"));
    private static final Pattern ANSWERED = Pattern.compile("channel (\\S+): answered (\\d+) request\\(s\\), stopped: ([^\"]+)");

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(System.getProperty("iotlocal.example.config"))
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "2"))
            .configure(builder -> builder
                    .idleEnvironmentTimeout(Duration.ofSeconds(3))
                    // Every session holds one MQTT invocation for its whole length: the account needs room for all
                    // of them and for the session function, as an AWS account would need a raised limit.
                    .concurrencyLimit(Math.max(1000, SESSIONS * 2 + 200)))
            .build();

    private final Map<String, Invocation> mqttInvocations = new ConcurrentHashMap<>();
    private final AtomicInteger failedMqttInvocations = new AtomicInteger();

    @Test
    void manySeedSessionsLoseNothingAndLeaveNothingBehind() throws Exception {
        iot.iot().lambda().onInvocation(this::record);
        List<SessionReport> warmUp = runSessions(3, Duration.ofSeconds(2)); // loads what the first sessions load, once
        awaitQuiet(started(warmUp));
        JvmUse before = JvmUse.now();

        Canary canary = Canary.start(iot.apiUrl("/"));
        long start = System.nanoTime();
        List<SessionReport> sessions = runSessions(SESSIONS, DURATION);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<SessionReport> canarySessions = canary.stopAndCheck();

        awaitQuiet(started(warmUp) + started(sessions) + started(canarySessions));
        // A discarded environment's threads are watched for a grace period before it can be collected: poll.
        JvmUse after = JvmUse.now();
        for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); !withinTolerance(before, after)
                && System.nanoTime() < until; after = JvmUse.now()) {
            Thread.sleep(1000);
        }
        long requests = sessions.stream().mapToLong(SessionReport::requests).sum();
        long slowest = sessions.stream().mapToLong(r -> r.longestRoundTrip().toMillis()).max().orElse(0);
        System.out.printf("load: %d concurrent seed sessions for %s (ramp %s, pause %s): %d sessions, %d requests,"
                        + " %d PONGs, %d flagged duplicates, %d unexpected, slowest round trip %d ms, took %s;"
                        + " canary: %d sessions, %d round trips; JVM before: %s; after: %s%n",
                SESSIONS, DURATION, RAMP, PAUSE, sessions.size(), requests,
                sessions.stream().mapToLong(SessionReport::pongs).sum(),
                sessions.stream().mapToLong(SessionReport::flaggedDuplicates).sum(),
                sessions.stream().mapToLong(SessionReport::unexpected).sum(), slowest, took, canarySessions.size(),
                canarySessions.stream().mapToLong(SessionReport::requests).sum(), before, after);

        assertThat(sessions).hasSizeGreaterThanOrEqualTo(SESSIONS)
                .allSatisfy(report -> assertThat(report.lostNothing()).as("%s", report).isTrue());
        assertThat(failedMqttInvocations.get()).as("MQTT function invocations that failed").isZero();
        for (SessionReport session : sessions) {
            Invocation invocation = mqttInvocations.get(session.channel());
            assertThat(invocation).as("the MQTT function's invocation for channel %s", session.channel()).isNotNull();
            Matcher answered = ANSWERED.matcher(invocation.result().payloadAsString());
            assertThat(answered.find()).as(invocation.result().payloadAsString()).isTrue();
            assertThat(Integer.parseInt(answered.group(2))).as("answers the function counted on %s", session.channel())
                    .isEqualTo(session.requests());
            assertThat(answered.group(3)).isEqualTo("idle");
        }
        assertNoGrowth(before, after);
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
            mqttInvocations.put(answered.group(1), invocation);
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
            loop(browsers, end, reports, finished);
        });
    }

    /** How many of the sessions started the MQTT function (it said "ready"). */
    private static int started(List<SessionReport> sessions) {
        return (int) sessions.stream().filter(report -> report.readies() > 0).count();
    }

    /** Every MQTT invocation so far has ended and every execution environment has been reaped. */
    private void awaitQuiet(int mqttInvocationsExpected) {
        await().atMost(Duration.ofMinutes(2)).until(() -> mqttInvocations.size() + failedMqttInvocations.get()
                >= mqttInvocationsExpected);
        await().atMost(Duration.ofMinutes(1)).until(() -> iot.iot().lambda().environments("mqtt") == 0
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
