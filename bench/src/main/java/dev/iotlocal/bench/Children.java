package dev.iotlocal.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes this run started, ended when it ends however it ends (Ctrl+C included). */
final class Children {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "bench-children"));
    }

    private Children() {
    }

    static void register(Process process) {
        RUNNING.add(process);
    }

    static void unregister(Process process) {
        RUNNING.remove(process);
    }
}
