package dev.iotlocal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The driver's handle on an {@link EmulatorHost} process. */
final class EmulatorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the host says about a completed invocation. */
    record HostInvocation(boolean found, boolean cold, boolean succeeded, double durationMillis, double initMillis,
                          String result) {
    }

    private final Process process;
    private final Run run;
    private final Path log;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final long startNanos;
    private int edgePort;
    private int mqttPort;
    private String region;
    private double startMillis;

    private EmulatorProcess(Process process, Run run, Path log, long startNanos) {
        this.process = process;
        this.run = run;
        this.log = log;
        this.startNanos = startNanos;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "emulator-host-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param environment function key to its variables, e.g. {@code mqtt -> IDLE_TIMEOUT_SECONDS=1}
     * @param jvmOptions  extra options, e.g. a flight recording
     */
    static EmulatorProcess start(Run run, Path config, Map<String, Map<String, String>> environment, Integer concurrency,
                                 List<String> jvmOptions, String logName) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Repo.javaExecutable(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Repo.classPath(), EmulatorHost.class.getName(), config.toString()));
        environment.forEach((function, variables) ->
                variables.forEach((name, value) -> command.add(function + "." + name + "=" + value)));
        if (concurrency != null) {
            command.addAll(List.of("--concurrency", concurrency.toString()));
        }
        Path log = run.logs().resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.work().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long start = System.nanoTime();
        EmulatorProcess emulator = new EmulatorProcess(builder.start(), run, log, start);
        Children.register(emulator.process);
        String ready = emulator.reply("ready", Duration.ofSeconds(60));
        JsonNode node = JSON.readTree(ready);
        emulator.edgePort = node.path("edgePort").asInt();
        emulator.mqttPort = node.path("mqttPort").asInt();
        emulator.region = node.path("region").asText();
        emulator.startMillis = node.path("startMillis").asDouble();
        return emulator;
    }

    int edgePort() {
        return edgePort;
    }

    int mqttPort() {
        return mqttPort;
    }

    String region() {
        return region;
    }

    long pid() {
        return process.pid();
    }

    /** IotLocal.start() as timed inside the host. */
    double startMillis() {
        return startMillis;
    }

    /** From starting the process to its ready line. */
    long startNanos() {
        return startNanos;
    }

    ProcessStats stats() {
        return ProcessStats.of(process.pid());
    }

    /** The function's next completed invocation, as the emulator recorded it. */
    synchronized HostInvocation take(String function, Duration timeout) throws IOException, InterruptedException {
        send("take " + function + " " + timeout.toMillis());
        JsonNode node = JSON.readTree(reply("invocation", timeout.plusSeconds(10)));
        return new HostInvocation(node.path("found").asBoolean(), node.path("cold").asBoolean(),
                node.path("succeeded").asBoolean(), node.path("durationMillis").asDouble(),
                node.path("initMillis").asDouble(), node.path("result").asText());
    }

    private void send(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    private String reply(String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("The emulator host (pid " + process.pid() + ") did not answer '" + kind
                        + "' within " + timeout.toSeconds() + " s" + (process.isAlive() ? "" : "; it exited with "
                        + process.exitValue()) + ". See its log under logs/.");
            }
            if (line.startsWith(kind + " ")) {
                return line.substring(kind.length() + 1);
            }
            if (line.equals("eof")) {
                throw new IllegalStateException("The emulator host (pid " + process.pid() + ") exited before '" + kind
                        + "'. See its log under logs/.");
            }
        }
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(EmulatorHost.PREFIX)) {
                    replies.add(line.substring(EmulatorHost.PREFIX.length()));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        replies.add("eof");
    }

    /** Asks the host to stop (so a flight recording is written), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            send("quit");
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Children.unregister(process);
        reportErrors();
        reportDrops();
    }

    /** Moquette says when it drops a command (a message to deliver) because a session's queue is full. */
    private void reportDrops() {
        try (var lines = java.nio.file.Files.lines(log)) {
            long full = lines.filter(line -> line.contains("Session command queue") && line.contains("is full")).count();
            if (full > 0) {
                run.report().note("Moquette refused " + full + " command(s) because a session command queue was full"
                        + " (\"Session command queue N is full executing action ...\" in " + run.out().relativize(log)
                        + "): the messages concerned were dropped.");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log
        }
    }

    /** The emulator's own errors during the scenario belong in the report: a figure means little if the broker broke. */
    private void reportErrors() {
        try (var lines = java.nio.file.Files.lines(log)) {
            // Functions still running when the emulator is stopped at the end of a scenario fail: that is expected.
            List<String> errors = lines.filter(line -> line.contains(" ERROR ")
                    && !line.contains("The emulator stopped during the invocation")).toList();
            if (!errors.isEmpty()) {
                run.report().note("The emulator logged " + errors.size() + " error(s) in " + run.out().relativize(log)
                        + "; the first: " + errors.get(0).substring(0, Math.min(300, errors.get(0).length())));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log, no errors to tell
        }
    }
}
