package dev.iotlocal.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code java -jar bench/target/iotlocal-bench.jar}: runs every scenario on this machine and writes
 * {@code report.md} and {@code report.json}. See BENCHMARKS.md.
 */
@Command(name = "iotlocal-bench", mixinStandardHelpOptions = true,
        description = "Measures the emulator: start-up, invocation overhead, the seed's session, round trips against "
                + "Mosquitto, throughput, scale, IoT SQL and SigV4. Writes report.md and report.json.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario ran (targets missed are in the report)", "1:a scenario could not run",
                "2:bad command line"})
public final class Main implements Callable<Integer> {

    static final List<Scenario> SCENARIOS = List.of(new StartupScenario(), new InvocationScenario(),
            new SessionScenario(), new RoundTripScenario(), new ThroughputScenario(), new MicroScenario(),
            new ScaleScenario());

    @Option(names = "--quick", description = "A smoke run of a few minutes: fewer repetitions, 20 scale sessions.")
    boolean quick;

    @Option(names = "--sessions", split = ",", paramLabel = "N",
            description = "Scale sizes, e.g. 100,1000,2000 (default 100,1000; with --quick 20), run smallest first.")
    List<Integer> sessions;

    @Option(names = "--scale-memory-cap-mb", paramLabel = "MB", defaultValue = "4096",
            description = "Stop setting up scale sessions once the emulator's resident memory passes this (default"
                    + " ${DEFAULT-VALUE}): the machine may be shared, and the target is 1024 MB.")
    long memoryCap;

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO",
            description = "Run only these: startup, invocation, session, roundtrip, throughput, micro, scale.")
    Set<String> only;

    @Option(names = "--skip", split = ",", paramLabel = "SCENARIO", description = "Skip these scenarios.")
    Set<String> skip;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the report (default: bench/target/benchmarks/<date-time> in the checkout).")
    Path out;

    @Option(names = "--profile", description = "Record each emulator process and JMH fork with JFR and add the hot"
            + " spots to the report (the figures then include JFR's small overhead).")
    boolean profile;

    @Option(names = "--repo", paramLabel = "DIR", description = "The iotlocal checkout (default: the one this jar was built in).")
    Path repo;

    @Option(names = "--mosquitto", paramLabel = "FILE", description = "The mosquitto executable (default: found in"
            + " /usr/sbin and the like).")
    Path mosquitto;

    private final String[] args;

    Main(String[] args) {
        this.args = args;
    }

    public static void main(String[] args) {
        // Before any logger exists: the in-process emulator of the invocation scenario logs warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new Main(args)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchConfig config = (quick ? BenchConfig.quickRun() : BenchConfig.fullRun()).withProfile(profile)
                .withScaleMemoryCap(memoryCap);
        if (sessions != null) {
            if (sessions.stream().anyMatch(n -> n < 1)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--sessions takes positive numbers, e.g. 100,1000");
            }
            config = config.withScaleSizes(sessions);
        }
        Set<String> known = SCENARIOS.stream().map(Scenario::id).collect(Collectors.toSet());
        for (Set<String> names : new Set[] {only, skip}) {
            if (names != null && !known.containsAll(names)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "Unknown scenario in " + names
                        + "; the scenarios are " + SCENARIOS.stream().map(Scenario::id).toList());
            }
        }
        Repo checkout = Repo.locate(repo);
        checkout.check();
        Path directory = out != null ? out.toAbsolutePath() : checkout.root().resolve("bench/target/benchmarks")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) { // its logs would be read as this run's
                    throw new CommandLine.ParameterException(new CommandLine(this), "--out " + directory
                            + " already holds files (an earlier run's report and logs?): give an empty or new directory.");
                }
            }
        }
        Mosquitto.Availability broker = Mosquitto.find(mosquitto);
        String command = "java -jar bench/target/iotlocal-bench.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
        Report report = new Report(directory, command, Machine.describe(), describe(config));
        Run run = new Run(config, checkout, directory, report, broker);
        if (!broker.present()) {
            report.note(Mosquitto.INSTALL_HINT);
        }
        System.out.println("iotlocal benchmarks: " + (quick ? "quick" : "full") + " run, report in " + directory);
        int failures = 0;
        for (Scenario scenario : SCENARIOS) {
            if ((only != null && !only.contains(scenario.id())) || (skip != null && skip.contains(scenario.id()))) {
                continue;
            }
            System.out.println(scenario.title() + " (load average " + Report.fmt(Machine.loadAverage()) + ")");
            long start = System.nanoTime();
            try {
                scenario.run(run);
            } catch (Exception | Error e) {
                failures++;
                report.note("Scenario " + scenario.id() + " could not finish: " + e);
                e.printStackTrace();
            }
            System.out.println("  (" + Math.round((System.nanoTime() - start) / 1e9) + " s)");
            report.write();
        }
        long missed = report.measures().stream().filter(m -> Boolean.FALSE.equals(m.met())).count();
        long met = report.measures().stream().filter(m -> Boolean.TRUE.equals(m.met())).count();
        System.out.println("Targets met: " + met + ", missed: " + missed + ". Report: " + directory.resolve("report.md")
                + " and report.json");
        return failures == 0 ? 0 : 1;
    }

    private static Map<String, Object> describe(BenchConfig config) {
        Map<String, Object> described = new LinkedHashMap<>();
        for (var component : BenchConfig.class.getRecordComponents()) {
            try {
                described.put(component.getName(), component.getAccessor().invoke(config));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return described;
    }
}
