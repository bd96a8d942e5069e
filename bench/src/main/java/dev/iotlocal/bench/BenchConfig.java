package dev.iotlocal.bench;

import java.util.List;

/**
 * How much of everything a run does. {@link #fullRun()} is the default run (about 15 minutes on 2 cores),
 * {@link #quickRun()} a smoke run of a few minutes whose figures are rougher.
 */
record BenchConfig(
        boolean quick,
        int startupRuns,
        int idleSettleSeconds,
        int jmhForks,
        int jmhWarmupIterations,
        int jmhMeasurementIterations,
        int jmhIterationMillis,
        int entryWarmup,
        int entryRepetitions,
        int coldSessions,
        int warmSessions,
        int roundTripWarmup,
        int roundTrips,
        int throughputMessages,
        int throughputRuns,
        int fanSize,
        List<Integer> scaleSizes,
        int scaleSteadySeconds,
        int scaleIntervalMillis,
        int scaleRampParallelism,
        int scaleRampBudgetSeconds,
        long scaleMemoryCapMb,
        boolean profile) {

    static BenchConfig fullRun() {
        return new BenchConfig(false, 10, 5, 1, 3, 5, 1000, 500, 2000, 10, 30, 300, 2000, 20_000, 3, 4,
                List.of(100, 1000), 30, 1000, 8, 420, 4096, false);
    }

    static BenchConfig quickRun() {
        return new BenchConfig(true, 3, 3, 1, 2, 3, 500, 100, 300, 3, 6, 100, 300, 4_000, 1, 4,
                List.of(20), 10, 1000, 8, 120, 4096, false);
    }

    BenchConfig withScaleSizes(List<Integer> sizes) {
        return new BenchConfig(quick, startupRuns, idleSettleSeconds, jmhForks, jmhWarmupIterations,
                jmhMeasurementIterations, jmhIterationMillis, entryWarmup, entryRepetitions, coldSessions, warmSessions,
                roundTripWarmup, roundTrips, throughputMessages, throughputRuns, fanSize, List.copyOf(sizes),
                scaleSteadySeconds, scaleIntervalMillis, scaleRampParallelism, scaleRampBudgetSeconds, scaleMemoryCapMb, profile);
    }

    BenchConfig withScaleMemoryCap(long megabytes) {
        return new BenchConfig(quick, startupRuns, idleSettleSeconds, jmhForks, jmhWarmupIterations,
                jmhMeasurementIterations, jmhIterationMillis, entryWarmup, entryRepetitions, coldSessions, warmSessions,
                roundTripWarmup, roundTrips, throughputMessages, throughputRuns, fanSize, scaleSizes,
                scaleSteadySeconds, scaleIntervalMillis, scaleRampParallelism, scaleRampBudgetSeconds, megabytes, profile);
    }

    BenchConfig withProfile(boolean on) {
        return new BenchConfig(quick, startupRuns, idleSettleSeconds, jmhForks, jmhWarmupIterations,
                jmhMeasurementIterations, jmhIterationMillis, entryWarmup, entryRepetitions, coldSessions, warmSessions,
                roundTripWarmup, roundTrips, throughputMessages, throughputRuns, fanSize, scaleSizes,
                scaleSteadySeconds, scaleIntervalMillis, scaleRampParallelism, scaleRampBudgetSeconds, scaleMemoryCapMb, on);
    }
}
