package dev.iotlocal.bench;

import java.util.Arrays;

/**
 * Order statistics of one series of samples (nearest rank: p99 of 100 samples is the 99th smallest). With fewer
 * than 100 samples p99 is the maximum, which the report shows by its n.
 */
public record Stats(int n, double p50, double p99, double min, double max, double mean) {

    public static Stats of(double[] samples) {
        if (samples.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[0], sorted[sorted.length - 1],
                sum / sorted.length);
    }

    /** Nanosecond samples as milliseconds. */
    public static Stats ofNanosAsMillis(long[] nanos, int count) {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            millis[i] = nanos[i] / 1e6;
        }
        return of(millis);
    }

    static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
