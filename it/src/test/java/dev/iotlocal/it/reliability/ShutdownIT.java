package dev.iotlocal.it.reliability;

import dev.iotlocal.it.ExampleJar;
import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.Drain;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.LambdaRuntime;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping during traffic: new invocations are refused, those in flight end within the grace period or are cut
 * short at its end, the process exits 0 and says in one line what happened to them.
 */
class ShutdownIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    @Test
    void sigtermDuringSeedSessionsExitsZeroAndSaysWhatHappenedToTheInvocationsInFlight() throws Exception {
        Path log = Files.createTempFile("iotlocal-shutdown", ".log");
        Process process = ExampleJar.command("--log-format", "json").redirectError(log.toFile()).start();
        int sessions = 3;
        List<CompletableFuture<SessionReport>> reports = new ArrayList<>();
        try {
            URI sessionUrl = sessionUrl(process, log);
            List<AtomicInteger> roundTrips = new ArrayList<>();
            try (SeedBrowsers browsers = new SeedBrowsers(sessionUrl)) {
                for (int i = 0; i < sessions; i++) {
                    AtomicInteger count = new AtomicInteger();
                    roundTrips.add(count);
                    // Requests until the emulator goes: each session's MQTT function is an invocation in flight.
                    reports.add(browsers.session(SeedSession.Plan.of(Duration.ofMinutes(5), Duration.ofMillis(100))
                            .watched(() -> true, count::incrementAndGet)));
                }
                await().atMost(ARRIVAL).until(() -> roundTrips.stream().allMatch(count -> count.get() >= 2));

                process.destroy(); // SIGTERM
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
                for (CompletableFuture<SessionReport> report : reports) {
                    report.get(60, TimeUnit.SECONDS); // each browser's connection was closed by the stop
                }
            }
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(log);
        Files.delete(log);

        System.out.println("shutdown: exit code " + process.exitValue() + "; the log's warnings and errors, then its last line:");
        text.lines().filter(line -> line.contains("\"level\":\"WARN") || line.contains("\"level\":\"ERROR"))
                .forEach(line -> System.out.println("  " + line));
        System.out.println("  " + text.lines().reduce((a, b) -> b).orElse(""));
        assertThat(process.exitValue()).as(text).isZero();
        List<String> summaries = text.lines().filter(line -> line.startsWith("iotlocal: stopped")).toList();
        // Each session's function answers as long as its browser sends: none can end within the grace period.
        assertThat(summaries).as(text).containsExactly("iotlocal: stopped: " + sessions + " invocations in flight,"
                + " 0 ended within the 2 s grace period, " + sessions + " cut short at its end (foobar-dev-mqtt x"
                + sessions + ").");
        assertThat(text).as("no stack trace").doesNotContain("\tat ", "\\tat ", "Exception in thread");
        assertThat(text.lines().filter(line -> !line.startsWith("iotlocal: stopped")))
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":\""));
    }

    /** Reads the banner up to "Ready in" and returns the session function's URL. */
    private static URI sessionUrl(Process process, Path log) throws Exception {
        BufferedReader banner = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder lines = new StringBuilder();
        for (String line; (line = banner.readLine()) != null && !line.startsWith("Ready in"); ) {
            lines.append(line).append('\n');
        }
        Matcher endpoint = Pattern.compile("GET - (http://127\\.0\\.0\\.1:\\d+/dev)").matcher(lines);
        assertThat(endpoint.find()).as("the banner\n%s\nand the log\n%s", lines, Files.readString(log)).isTrue();
        return URI.create(endpoint.group(1) + "/");
    }

    @Test
    void aStopLetsInvocationsEndWithinTheGracePeriodAndCutsTheRest() throws Exception {
        Path config = Path.of(ShutdownIT.class.getResource("/lambda/serverless.yml").toURI());
        IotLocal iot = IotLocal.builder().config(config).edgePort(0).mqttPort(0).build().start();
        LambdaRuntime lambda = iot.lambda();
        try {
            CompletableFuture<Invocation> quick = iot.lambda().invoke("counter", "{\"sleepMillis\":2000}".getBytes());
            CompletableFuture<Invocation> slow = iot.lambda().invoke("twins", "{\"sleepMillis\":60000}".getBytes());
            await().atMost(ARRIVAL).until(() -> iot.lambda().concurrentExecutions("counter") == 1
                    && iot.lambda().concurrentExecutions("twins") == 1);

            Drain drain = iot.close(Duration.ofSeconds(6));

            assertThat(drain.inFlight()).isEqualTo(2);
            assertThat(drain.ended()).isEqualTo(1);
            assertThat(drain.cut()).containsExactly("lab-dev-twins");
            assertThat(drain.summary()).isEqualTo("2 invocations in flight, 1 ended within the 6 s grace period,"
                    + " 1 cut short at its end (lab-dev-twins)");
            assertThat(quick.get(10, TimeUnit.SECONDS).succeeded()).as("the quick one ended as it would have").isTrue();
            assertThat(slow).isCompletedExceptionally();
            assertThat(lambda.invoke("counter", "{}".getBytes())).as("no new invocation after the stop")
                    .isCompletedExceptionally();
        } finally {
            iot.close();
        }
    }
}
