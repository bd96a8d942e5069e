package dev.iotlocal.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Runs one JMH benchmark method in its own forked JVM; its raw results and console go to the run's folder. */
final class JmhRunner {

    private JmhRunner() {
    }

    static RunResult run(Run run, Class<?> benchmark, String method, String... params) throws RunnerException {
        BenchConfig config = run.config();
        StringBuilder fullName = new StringBuilder("jmh-" + benchmark.getSimpleName() + "-" + method);
        for (int i = 1; i < params.length; i += 2) {
            fullName.append('-').append(params[i]);
        }
        String name = fullName.toString();
        List<String> jvm = new ArrayList<>(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        jvm.addAll(run.flightRecording(name));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "." + method) + "$")
                .forks(config.jmhForks())
                .warmupIterations(config.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(config.jmhIterationMillis()))
                .measurementIterations(config.jmhMeasurementIterations())
                .measurementTime(TimeValue.milliseconds(config.jmhIterationMillis()))
                .jvmArgsAppend(jvm.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(run.logs().resolve(name + ".json").toString())
                .output(run.logs().resolve(name + ".log").toString())
                .shouldFailOnError(true);
        for (int i = 0; i + 1 < params.length; i += 2) {
            options.param(params[i], params[i + 1]);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("JMH ran " + results.size() + " benchmarks for " + name + "; see logs/" + name + ".log");
        }
        run.summariseProfile(name, "Profile: JMH " + name.substring(4));
        return results.iterator().next();
    }

    /** Percentiles of a SampleTime result, in its unit. */
    static Stats sampled(RunResult result) {
        var statistics = result.getPrimaryResult().getStatistics();
        return new Stats((int) statistics.getN(), statistics.getPercentile(50), statistics.getPercentile(99),
                statistics.getMin(), statistics.getMax(), statistics.getMean());
    }

    /** A Throughput result as one line: the median iteration, with the spread in the note. */
    static Measure rate(String scenario, String name, RunResult result, String note) {
        var statistics = result.getPrimaryResult().getStatistics();
        return Measure.value(scenario, name, "ops/s", statistics.getPercentile(50),
                (note.isEmpty() ? "" : note + "; ") + "median of " + statistics.getN() + " iterations, "
                        + Report.fmt(statistics.getMin()) + " to " + Report.fmt(statistics.getMax()));
    }
}
