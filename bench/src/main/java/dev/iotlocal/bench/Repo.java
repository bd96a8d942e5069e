package dev.iotlocal.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the things under test are: the emulator's runnable jar, the example service and its deployment jar, and the
 * benchmark's own class path (for the processes it starts).
 */
record Repo(Path root) {

    /** The repository this jar was built in ({@code bench/target/iotlocal-bench.jar}), else the working directory. */
    static Repo locate(Path explicit) {
        if (explicit != null) {
            return new Repo(explicit.toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Repo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("handlers/serverless.yml")) && Files.isDirectory(dir.resolve("emulator"))) {
                    return new Repo(dir);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // falls through to the working directory
        }
        return new Repo(Path.of("").toAbsolutePath());
    }

    Path emulatorJar() {
        return root.resolve("emulator/target/iotlocal.jar");
    }

    Path exampleConfig() {
        return root.resolve("handlers/serverless.yml");
    }

    Path handlersJar() {
        return root.resolve("handlers/target/foobar-handlers.jar");
    }

    /** Says what to build when a jar is missing. */
    void check() {
        for (Path required : new Path[] {emulatorJar(), exampleConfig(), handlersJar()}) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException(required + " does not exist. Build first, from " + root + ": "
                        + "mvn -B -q -DskipTests package (or pass --repo <the iotlocal checkout>)");
            }
        }
    }

    /** The class path of this JVM, for the emulator host and JMH's forks. */
    static String classPath() {
        // Absolute, as the processes started may run in another directory.
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
