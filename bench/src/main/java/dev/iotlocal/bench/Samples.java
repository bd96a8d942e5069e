package dev.iotlocal.bench;

import java.util.Arrays;

/** A growable series of nanosecond durations, safe to add to from several threads. */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized Stats millis() {
        return Stats.ofNanosAsMillis(values, size);
    }

    public synchronized Stats micros() {
        double[] micros = new double[size];
        for (int i = 0; i < size; i++) {
            micros[i] = values[i] / 1e3;
        }
        return Stats.of(micros);
    }
}
