package dev.iotlocal.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the real emulator jar serving the example service, as a user starts it, on free ports. */
public final class ExampleJar {

    private static final Path JAR = Path.of("..", "emulator", "target", "iotlocal.jar");

    private ExampleJar() {
    }

    /** {@code java -jar iotlocal.jar --config <example> --port 0 --mqtt-port 0}, then {@code options}. */
    public static ProcessBuilder command(String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--config", System.getProperty("iotlocal.example.config"),
                "--port", "0", "--mqtt-port", "0"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command);
    }
}
