package dev.iotlocal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux says about a process: resident memory, its peak, threads and CPU time, read from {@code /proc}.
 * Other systems have no {@code /proc}: the figures are then reported as unknown (-1).
 */
public record ProcessStats(long rssKb, long peakRssKb, int threads, long cpuMillis) {

    static final ProcessStats UNKNOWN = new ProcessStats(-1, -1, -1, -1);
    /** USER_HZ: the unit of utime and stime in /proc/pid/stat; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    public static ProcessStats of(long pid) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            long rss = field(status, "VmRSS:");
            long hwm = field(status, "VmHWM:");
            int threads = (int) field(status, "Threads:");
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which may hold spaces: it ends at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            return new ProcessStats(rss, hwm, threads, ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    public double rssMb() {
        return rssKb < 0 ? Double.NaN : rssKb / 1024.0;
    }

    public double peakRssMb() {
        return peakRssKb < 0 ? Double.NaN : peakRssKb / 1024.0;
    }

    private static long field(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
