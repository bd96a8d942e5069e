package dev.iotlocal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 6. Scale: N seed sessions at once, each with its own live MQTT function, each browser sending a request every
 * second. Sessions are set up a few at a time (the ramp); then, in the steady window, every PONG's latency counts,
 * and a request without a PONG within 5 s is an error. Each size given runs, smallest first.
 */
final class ScaleScenario implements Scenario {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public String title() {
        return "6 scale";
    }

    @Override
    public void run(Run run) throws Exception {
        Path config = longLivedService(run);
        List<Integer> sizes = new ArrayList<>(run.config().scaleSizes());
        Collections.sort(sizes);
        for (int sessions : sizes) { // each size says which targets it broke; the memory cap protects the machine
            size(run, config, sessions);
            run.report().write();
        }
    }

    /**
     * The example service with the MQTT function's timeout raised from 45 s to 300 s: its sessions must outlive the
     * ramp of a thousand others. Everything else is handlers/serverless.yml as it is, with its jar.
     */
    static Path longLivedService(Run run) throws IOException {
        Path example = run.repo().exampleConfig();
        Path file = run.work().resolve("scale-serverless.yml");
        Files.writeString(file, "# Derived from " + example + " by the scale benchmark: mqtt timeout 300 s.\n"
                + longLived(Files.readString(example), example.getParent()));
        return file;
    }

    /** The file's text with the mqtt function's timeout at 300 s and package.artifact absolute. */
    static String longLived(String yml, Path directory) {
        Matcher timeout = Pattern.compile("(\\n  mqtt:\\n(?:    .*\\n)*?    timeout: )\\d+").matcher(yml);
        Matcher artifact = Pattern.compile("(\\n  artifact: )(.*)").matcher(yml);
        if (!timeout.find() || !artifact.find()) {
            throw new IllegalStateException("handlers/serverless.yml no longer has the mqtt function's timeout or"
                    + " package.artifact where the scale scenario expects them; update ScaleScenario.longLived.");
        }
        Path jar = directory.resolve(artifact.group(2).trim()).toAbsolutePath().normalize();
        String derived = yml.substring(0, timeout.start()) + timeout.group(1) + "300" + yml.substring(timeout.end());
        return derived.replace(artifact.group(0), artifact.group(1) + jar);
    }

    /** Runs one size; true when it met every target. */
    private boolean size(Run run, Path config, int sessions) throws Exception {
        BenchConfig settings = run.config();
        String scenario = title() + " " + sessions;
        Phases phases = new Phases();
        List<Pinger> pingers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Samples setup = new Samples();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, daemon("scale-ping"));
        ExecutorService ramp = Executors.newFixedThreadPool(settings.scaleRampParallelism(), daemon("scale-ramp"));
        Monitor monitor = null;
        List<String> jvm = new ArrayList<>(run.flightRecording("scale-" + sessions));
        if (settings.profile()) {
            jvm.add("-XX:NativeMemoryTracking=summary"); // where the memory goes, by category
        }
        long memoryCap = settings.scaleMemoryCapMb();
        try (EmulatorProcess emulator = EmulatorProcess.start(run, config,
                Map.of("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "60")), sessions + 100, jvm, "scale-" + sessions)) {
            monitor = new Monitor(emulator.pid());
            HttpClient http = SeedSession.httpClient();
            URI sessionUrl = URI.create("http://127.0.0.1:" + emulator.edgePort() + "/dev/");
            long rampStart = System.nanoTime();
            long rampDeadline = rampStart + TimeUnit.SECONDS.toNanos(settings.scaleRampBudgetSeconds());
            List<Future<?>> tasks = new ArrayList<>();
            Monitor watched = monitor;
            for (int i = 0; i < sessions; i++) {
                tasks.add(ramp.submit(() -> {
                    String refusal = System.nanoTime() > rampDeadline ? "not set up within the ramp budget of "
                            + settings.scaleRampBudgetSeconds() + " s"
                            : watched.peakRssMb() > memoryCap ? "not set up: the emulator passed the harness's "
                            + memoryCap + " MB safety cap (--scale-memory-cap-mb)" : null;
                    if (refusal != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, refusal);
                        return;
                    }
                    try {
                        SeedSession session = SeedSession.establish(http, sessionUrl, SETUP_TIMEOUT,
                                WebSocketBrowser.connector(http));
                        setup.add(session.steps.total());
                        Pinger pinger = new Pinger(session, scheduler, phases, Duration.ofMillis(settings.scaleIntervalMillis()));
                        pingers.add(pinger);
                        pinger.start();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, String.valueOf(e));
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
            ProcessStats before = emulator.stats();
            if (settings.profile()) { // a recording of the steady window alone, apart from the ramp's class loading
                Jcmd.run(emulator.pid(), "JFR.start", "name=steady", "settings=profile");
            }
            long steadyStart = System.nanoTime();
            phases.startSteady(steadyStart);
            Thread.sleep(settings.scaleSteadySeconds() * 1000L);
            long steadyEnd = System.nanoTime();
            phases.endSteady(steadyEnd);
            ProcessStats after = emulator.stats();
            if (settings.profile()) {
                String name = "scale-" + sessions + "-steady";
                Jcmd.run(emulator.pid(), "JFR.dump", "name=steady", "filename=" + run.profiles().resolve(name + ".jfr"));
                Jcmd.run(emulator.pid(), "JFR.stop", "name=steady");
                run.summariseProfile(name, "Profile: scale, " + sessions + " sessions, steady window only");
                memoryProfile(run, emulator.pid(), sessions);
            }
            Thread.sleep(Pinger.PONG_TIMEOUT.toMillis() + 500); // the last requests get their PONG or time out
            pingers.forEach(Pinger::stop);

            int silent = 0;
            long unexpected = 0;
            for (Pinger pinger : pingers) {
                silent += pinger.steadyPongs() == 0 ? 1 : 0;
                unexpected += pinger.unexpectedPongs();
            }
            double cores = (after.cpuMillis() - before.cpuMillis()) / ((steadyEnd - steadyStart) / 1e6);
            return report(run, scenario, sessions, pingers.size(), failed.get(), firstFailure.get(), silent, unexpected,
                    setup, phases, rampSeconds, monitor, after, cores);
        } finally {
            if (monitor != null) {
                monitor.close();
            }
            ramp.shutdownNow();
            List<Pinger> all;
            synchronized (pingers) {
                all = new ArrayList<>(pingers);
            }
            ExecutorService closer = Executors.newFixedThreadPool(8, daemon("scale-close"));
            all.forEach(pinger -> closer.submit(() -> pinger.session().close()));
            closer.shutdown();
            closer.awaitTermination(60, TimeUnit.SECONDS);
            scheduler.shutdownNow();
            run.summariseProfile("scale-" + sessions, "Profile: scale, " + sessions + " sessions (emulator process)");
        }
    }

    /** Native memory by category and the class loaders' sizes, taken at the end of the steady window. */
    private static void memoryProfile(Run run, long pid, int sessions) throws IOException, InterruptedException {
        String nmt = Jcmd.run(pid, "VM.native_memory", "summary");
        String loaders = Jcmd.run(pid, "VM.classloader_stats");
        String histogram = Jcmd.run(pid, "GC.class_histogram");
        Files.writeString(run.profiles().resolve("scale-" + sessions + "-histogram.txt"), histogram);
        Files.writeString(run.profiles().resolve("scale-" + sessions + "-nmt.txt"), nmt);
        Files.writeString(run.profiles().resolve("scale-" + sessions + "-classloaders.txt"), loaders);
        long functionLoaders = loaders.lines().filter(line -> line.contains("FunctionClassLoader")).count();
        run.report().profile("### Memory: scale, " + sessions + " sessions (end of the steady window)\n\n"
                + Jcmd.nativeMemoryTable(nmt) + "\n" + functionLoaders + " FunctionClassLoader instances alive; "
                + "per loader classes and bytes in profiles/scale-" + sessions + "-classloaders.txt.\n\n"
                + "Largest heap classes (GC.class_histogram, live objects after a full GC):\n\n```\n"
                + histogram.lines().skip(1).limit(14).collect(java.util.stream.Collectors.joining("\n")) + "\n```\n");
    }

    private static boolean report(Run run, String scenario, int sessions, int established, int failed, String firstFailure,
                                  int silent, long unexpected, Samples setup, Phases phases, double rampSeconds,
                                  Monitor monitor,
                                  ProcessStats steady, double cores) {
        long missing = phases.steadyMissing.get();
        long errors = failed + missing + silent;
        Stats pong = phases.steady.millis();
        boolean allServed = errors == 0;
        boolean fast = pong.n() > 0 && pong.p99() < 50;
        boolean small = monitor.peakRssMb() < 1024;
        run.report().add(Measure.value(scenario, "sessions set up", "count", established,
                failed == 0 ? "all " + sessions + ", in " + Report.fmt(rampSeconds) + " s ("
                        + Report.fmt(established / rampSeconds) + " per second, " + run.config().scaleRampParallelism()
                        + " at a time)" : failed + " failed; first: " + firstFailure));
        run.report().add(Measure.timing(scenario, "session set-up (GET to ready) during the ramp", "ms", setup.millis(), ""));
        run.report().add(Measure.timing(scenario, "request to PONG, steady window", "ms", pong,
                run.config().scaleSteadySeconds() + " s, each session one request per " + run.config().scaleIntervalMillis()
                        + " ms").against("p99 < 50 ms", fast));
        run.report().add(Measure.value(scenario, "errors: failed set-ups + requests without PONG + silent sessions", "count",
                errors, failed + " + " + missing + " of " + phases.steadySent.get() + " + " + silent
                        + "; during the ramp " + phases.rampMissing.get() + " requests went without PONG")
                .against("0: every session gets its PONGs", allServed));
        run.report().add(Measure.value(scenario, "PONGs no request waited for", "count", unexpected,
                "ramp and steady window: a second PONG for one request, or one after its time-out; requests carry no"
                        + " number, so one that came while a later request waited was taken as its answer, too early"));
        run.report().add(Measure.timing(scenario, "request to PONG during the ramp", "ms", phases.ramp.millis(),
                "while other sessions were being set up (cold functions)"));
        run.report().add(Measure.value(scenario, "emulator resident memory, peak", "MB", monitor.peakRssMb(),
                "VmRSS sampled every second; at the end of the steady window " + Report.fmt(steady.rssMb()) + " MB")
                .against("< 1024 MB", small));
        run.report().add(Measure.value(scenario, "emulator threads, peak", "count", monitor.peakThreads(),
                "at the end of the steady window " + steady.threads()));
        run.report().add(Measure.value(scenario, "emulator CPU in the steady window", "cores", cores,
                "of " + Runtime.getRuntime().availableProcessors() + "; the load driver shares them"));
        return allServed && fast && small;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Samples the emulator's memory and threads every second. */
    private static final class Monitor implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("scale-monitor"));
        private volatile double peakRssMb;
        private volatile int peakThreads;

        Monitor(long pid) {
            sampler.scheduleAtFixedRate(() -> {
                ProcessStats stats = ProcessStats.of(pid);
                peakRssMb = Math.max(peakRssMb, stats.rssMb());
                peakThreads = Math.max(peakThreads, stats.threads());
            }, 0, 1, TimeUnit.SECONDS);
        }

        double peakRssMb() {
            return peakRssMb;
        }

        int peakThreads() {
            return peakThreads;
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
