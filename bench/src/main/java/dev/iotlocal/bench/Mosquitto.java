package dev.iotlocal.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto, the reference broker, on free loopback ports (MQTT over TCP and over WebSocket) with a configuration in
 * the run's directory: no persistence, TCP_NODELAY, queues large enough that no message is dropped for lack of room.
 */
final class Mosquitto implements AutoCloseable {

    static final String INSTALL_HINT = "Mosquitto is not installed, so the comparisons with it are skipped. Install it "
            + "(Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto) or pass "
            + "--mosquitto /path/to/mosquitto. The harness starts it itself on free loopback ports; "
            + "no service needs to run.";

    /** Where mosquitto is, or why it cannot be used. */
    record Availability(Optional<Path> executable, String version) {
        boolean present() {
            return executable.isPresent();
        }
    }

    private final Process process;
    private final int tcpPort;
    private final int webSocketPort;

    private Mosquitto(Process process, int tcpPort, int webSocketPort) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.webSocketPort = webSocketPort;
    }

    static Availability find(Path explicit) {
        List<Path> candidates = explicit != null ? List.of(explicit)
                : List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
                Path.of("/opt/homebrew/sbin/mosquitto"), Path.of("/usr/local/opt/mosquitto/sbin/mosquitto"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                String version = Machine.firstLine(List.of(candidate.toString(), "-h"));
                return new Availability(Optional.of(candidate), version);
            }
        }
        return new Availability(Optional.empty(), "absent");
    }

    /** For the machine description. */
    static String version() {
        return find(null).version();
    }

    static Mosquitto start(Run run) throws IOException, InterruptedException {
        Path executable = run.mosquitto().executable().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
        int tcp = Ports.free();
        int webSocket = Ports.free();
        Path config = run.work().resolve("mosquitto-" + tcp + ".conf");
        Files.writeString(config, String.join("\n",
                "# Written by the iotlocal benchmark: loopback only, nothing on disk.",
                "per_listener_settings false",
                "allow_anonymous true",
                "persistence false",
                "set_tcp_nodelay true",
                "max_queued_messages 1000000",
                "max_inflight_messages 100",
                "log_type error",
                "log_type warning",
                "log_dest stderr",
                "listener " + tcp + " 127.0.0.1",
                "protocol mqtt",
                "listener " + webSocket + " 127.0.0.1",
                "protocol websockets",
                ""));
        Process process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                .directory(run.work().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.logs().resolve("mosquitto.log").toFile()))
                .start();
        Children.register(process);
        Mosquitto mosquitto = new Mosquitto(process, tcp, webSocket);
        mosquitto.awaitListening(Duration.ofSeconds(10));
        return mosquitto;
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : new int[] {tcpPort, webSocketPort}) {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("Mosquitto did not listen on 127.0.0.1:" + port + " within "
                                + timeout.toSeconds() + " s" + (process.isAlive() ? "" : " (it exited with "
                                + process.exitValue() + ")") + "; see logs/mosquitto.log");
                    }
                    Thread.sleep(20); // a bounded poll: mosquitto has no readiness signal
                }
            }
        }
    }

    int tcpPort() {
        return tcpPort;
    }

    int webSocketPort() {
        return webSocketPort;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Children.unregister(process);
    }
}
