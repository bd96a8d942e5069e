package dev.iotlocal.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1. Start-up: {@code java -jar emulator/target/iotlocal.jar --config handlers/serverless.yml}, as a user starts it,
 * from process start to its "Ready" line, then resident memory and threads once idle. Compared with the JVM's own
 * floor: a process that prints one line and waits.
 */
final class StartupScenario implements Scenario {

    private static final Pattern READY = Pattern.compile("Ready in (\\d+) ms");

    @Override
    public String id() {
        return "startup";
    }

    @Override
    public String title() {
        return "1 start-up";
    }

    @Override
    public void run(Run run) throws Exception {
        BenchConfig config = run.config();
        double[] ready = new double[config.startupRuns()];
        double[] readyInJvm = new double[config.startupRuns()];
        double[] rss = new double[config.startupRuns()];
        double[] threads = new double[config.startupRuns()];
        double[] floor = new double[config.startupRuns()];
        double[] floorRss = new double[config.startupRuns()];
        for (int i = 0; i < config.startupRuns(); i++) {
            Started emulator = startAndAwait(run, emulatorCommand(run, List.of()), READY, "startup-" + i);
            ready[i] = emulator.millis;
            readyInJvm[i] = Double.parseDouble(emulator.match.group(1));
            Thread.sleep(config.idleSettleSeconds() * 1000L); // idle: what a developer's machine holds while tests wait
            ProcessStats idle = ProcessStats.of(emulator.process.pid());
            rss[i] = idle.rssMb();
            threads[i] = idle.threads();
            stop(emulator.process);

            Started jvm = startAndAwait(run, List.of(Repo.javaExecutable(), "-cp", Repo.classPath(),
                    JvmFloor.class.getName()), Pattern.compile(JvmFloor.READY), "jvm-floor-" + i);
            floor[i] = jvm.millis;
            Thread.sleep(1000);
            floorRss[i] = ProcessStats.of(jvm.process.pid()).rssMb();
            stop(jvm.process);
        }
        String scenario = title();
        Stats readyStats = Stats.of(ready);
        run.report().add(Measure.timing(scenario, "process start to Ready line", "ms", readyStats,
                "java -jar iotlocal.jar --config handlers/serverless.yml; default JVM options")
                .against("< 1000 ms (p50)", readyStats.p50() < 1000));
        run.report().add(Measure.timing(scenario, "Ready as the banner reports it (from JVM start)", "ms",
                Stats.of(readyInJvm), "the banner's own figure: JVM start to IotLocal.start() returning"));
        run.report().add(Measure.timing(scenario, "JVM floor: start to first line", "ms", Stats.of(floor),
                "a main() that prints one line, same JVM and class path size"));
        run.report().add(Measure.value(scenario, "ready / JVM floor", "x", readyStats.p50() / Stats.of(floor).p50(), ""));
        Stats rssStats = Stats.of(rss);
        run.report().add(Measure.timing(scenario, "resident memory when idle", "MB", rssStats,
                config.idleSettleSeconds() + " s after Ready, VmRSS; JVM floor " + Report.fmt(Stats.of(floorRss).p50()) + " MB")
                .against("< 150 MB (p50)", rssStats.p50() < 150));
        run.report().add(Measure.timing(scenario, "threads when idle", "count", Stats.of(threads), ""));
        if (config.profile()) {
            profile(run);
        }
    }

    private static List<String> emulatorCommand(Run run, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Repo.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", run.repo().emulatorJar().toString(),
                "--config", run.repo().exampleConfig().toString(),
                "--port", Integer.toString(Ports.free()), "--mqtt-port", Integer.toString(Ports.free())));
        return command;
    }

    /**
     * One more start, not counted, with a flight recording dumped once idle (the command line halts on SIGTERM,
     * before a recording could be written on exit).
     */
    private void profile(Run run) throws IOException, InterruptedException {
        Started emulator = startAndAwait(run, emulatorCommand(run,
                List.of("-XX:StartFlightRecording=name=bench,settings=profile")), READY, "startup-profiled");
        Thread.sleep(run.config().idleSettleSeconds() * 1000L);
        java.nio.file.Path recording = run.profiles().resolve("startup.jfr");
        Process dump = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(emulator.process.pid()), "JFR.dump", "name=bench", "filename=" + recording)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        dump.waitFor(30, TimeUnit.SECONDS);
        stop(emulator.process);
        run.summariseProfile("startup", "Profile: start-up to idle (java -jar iotlocal.jar, an extra run with JFR)");
    }

    private record Started(Process process, double millis, Matcher match) {
    }

    private static Started startAndAwait(Run run, List<String> command, Pattern readyLine, String logName)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(run.work().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(run.logs().resolve(logName + ".log").toFile()));
        long start = System.nanoTime();
        Process process = builder.start();
        Children.register(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher match = readyLine.matcher(line);
            if (match.find()) {
                double millis = (System.nanoTime() - start) / 1e6;
                Thread drain = new Thread(() -> drain(out), "drain-" + logName);
                drain.setDaemon(true);
                drain.start();
                return new Started(process, millis, match);
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(String.join(" ", command) + " ended without its ready line (exit "
                + (process.isAlive() ? "none" : process.exitValue()) + "); see logs/" + logName + ".log");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keeps the pipe from filling up
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** SIGTERM, as Ctrl+C would; forcibly after 15 s. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Children.unregister(process);
    }
}
