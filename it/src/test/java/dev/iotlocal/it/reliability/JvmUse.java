package dev.iotlocal.it.reliability;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the JVM holds, after a full collection: live threads (by kind), heap in use, and metaspace in use (which
 * grows with every execution environment's classes and shrinks only when its class loader is collected).
 */
record JvmUse(int threads, long heapBytes, long metaspaceBytes, Map<String, Integer> threadsByKind) {

    static JvmUse now() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        int threads = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                threads++;
                kinds.merge(kind(thread.getName()), 1, Integer::sum);
            }
        }
        return new JvmUse(threads, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), metaspace, kinds);
    }

    /** A thread's name without its numbers: {@code lambda-mqtt-12} is a {@code lambda-mqtt-#}. */
    static String kind(String name) {
        return name.replaceAll("\\d+", "#");
    }

    /** Threads of kinds that shrink by themselves after an idle timeout (Jetty's pool keeps idle threads 60 s). */
    int threadsExcept(String... kinds) {
        int count = threads;
        for (String kind : kinds) {
            count -= threadsByKind.getOrDefault(kind, 0);
        }
        return count;
    }

    /**
     * The first lines of the JVM's class histogram of live objects (what {@code jcmd <pid> GC.class_histogram}
     * prints): when the heap grew, it says by what.
     */
    static String classHistogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.join("\n", String.valueOf(text).lines().limit(lines + 3).toList());
        } catch (Exception e) {
            return "no class histogram: " + e;
        }
    }

    /** How many live objects of the class the heap holds (after a full collection), from the class histogram. */
    static long liveInstances(String className) {
        return classHistogram(Integer.MAX_VALUE - 3).lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(className))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .sum();
    }

    @Override
    public String toString() {
        return threads + " threads, heap " + (heapBytes >> 20) + " MB, metaspace " + (metaspaceBytes >> 20) + " MB "
                + threadsByKind;
    }
}
