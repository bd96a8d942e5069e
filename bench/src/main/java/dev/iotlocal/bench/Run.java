package dev.iotlocal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One run of the benchmarks: its configuration, where the code under test is, and where results go. */
record Run(BenchConfig config, Repo repo, Path out, Report report, Mosquitto.Availability mosquitto) {

    /** The working directory of every process started: nothing lands in the user's directory. */
    Path work() {
        return directory("work");
    }

    Path logs() {
        return directory("logs");
    }

    Path profiles() {
        return directory("profiles");
    }

    /** JVM options that record a flight recording of a process, when the run profiles. */
    List<String> flightRecording(String name) {
        if (!config.profile()) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + profiles().resolve(name + ".jfr"));
    }

    /** Summarises a flight recording into the report when the run profiles. */
    void summariseProfile(String name, String title) {
        Path recording = profiles().resolve(name + ".jfr");
        if (config.profile() && Files.isRegularFile(recording)) {
            String summary = JfrSummary.of(recording, title);
            report.profile(summary);
            try {
                Files.writeString(profiles().resolve(name + ".md"), summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(out.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + out.resolve(name), e);
        }
    }
}
