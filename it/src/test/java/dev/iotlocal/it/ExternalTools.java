package dev.iotlocal.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Programs outside the JVM the tests drive (npm packages, mosquitto clients, the AWS CLI). On a developer's machine
 * without them the test is skipped; in CI (the CI variable set) it must run, so it fails instead.
 */
final class ExternalTools {

    /** What a program printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    /** Installs an npm package under target/ (never the user's folders) and returns the folder to run node in. */
    static Path npmPackage(String folderName, String spec) throws IOException, InterruptedException {
        Path folder = Path.of("target", folderName).toAbsolutePath();
        Files.createDirectories(folder);
        if (!Files.isDirectory(folder.resolve("node_modules").resolve(spec.substring(0, spec.lastIndexOf('@'))))) {
            requireCommand("npm", "--version");
            Result npm = run(folder, Map.of(), 180, "npm", "install", "--no-audit", "--no-fund", "--prefix",
                    folder.toString(), spec);
            requireInCi(npm.exitCode() == 0, "npm could not install " + spec + " (offline?): " + npm.output());
        }
        return folder;
    }

    /** Skips (or in CI fails) unless {@code command} can be started (some tools exit 1 after printing their help). */
    static void requireCommand(String... command) throws InterruptedException {
        boolean runs;
        try {
            run(Path.of("."), Map.of(), 60, command);
            runs = true;
        } catch (IOException notInstalled) {
            runs = false;
        }
        requireInCi(runs, command[0] + " is not installed here");
    }

    /** Runs a program to its end (at most the timeout), its output and errors in one string. */
    static Result run(Path directory, Map<String, String> environment, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread drain = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = new byte[0];
            }
        });
        drain.setDaemon(true);
        drain.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            drain.join(5_000);
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s: "
                    + (output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8)));
        }
        drain.join(5_000);
        return new Result(process.exitValue(), output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8));
    }

    /** Starts a program in the background; the caller destroys it. */
    static Process start(Path directory, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The lines a background program prints, for a test to wait on. */
    static final class Lines {
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();

        private final Thread reader;

        Lines(Process process) {
            reader = new Thread(() -> {
                try (java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "external-tool-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Everything the program printed, once it has ended (at most {@code timeout} later): for a failure message. */
        String all(java.time.Duration timeout) throws InterruptedException {
            reader.join(Math.max(1, timeout.toMillis()));
            for (String line; (line = lines.poll()) != null; ) {
                seen.append(line).append('\n');
            }
            return seen.toString();
        }

        /** Waits for a line containing {@code text}; an AssertionError with everything seen when none comes. */
        String await(String text, java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("No line with '" + text + "' within " + timeout + "; output so far:\n" + seen);
                }
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    return line;
                }
            }
        }
    }

    static void requireInCi(boolean condition, String message) {
        if (System.getenv("CI") != null) {
            assertThat(condition).as(message).isTrue();
        }
        assumeTrue(condition, message);
    }
}
