package dev.iotlocal.cli;

import dev.iotlocal.IotLocal;
import dev.iotlocal.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar iotlocal.jar --config serverless.yml}: runs the emulator until stopped (Ctrl+C or SIGTERM). A
 * stop refuses new invocations, lets those running end within {@code --shutdown-grace}, cuts the rest short and
 * prints one line saying so.
 * Exit codes: 0 stopped normally, 1 could not start (the message says why and what to do), 2 bad command line.
 */
@Command(name = "iotlocal", mixinStandardHelpOptions = true, version = "iotlocal 0.1.0",
        description = "Runs AWS IoT Core, Lambda and API Gateway for a serverless.yml service, offline.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:could not start (bad configuration, busy port, ...)", "2:bad command line"})
public final class Main implements Callable<Integer> {

    static final int COULD_NOT_START = 1;
    static final int BAD_COMMAND_LINE = 2;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "serverless.yml",
            description = "The serverless.yml to run (default: ${DEFAULT-VALUE} in the current directory).")
    Path config;

    @Option(names = "--stage", description = "The stage, as serverless deploy --stage (default: provider.stage, else dev).")
    String stage;

    @Option(names = "--region", description = "The region (default: provider.region, else us-east-1).")
    String region;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the emulator to the network).")
    String host;

    @Option(names = "--port", defaultValue = "4566",
            description = "HTTP and WebSocket port: API Gateway, /mqtt, IoT HTTP APIs (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "MQTT over TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int mqttPort;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "text|json",
            description = "Log lines as text for people or JSON for log collectors (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Option(names = "--shutdown-grace", defaultValue = "2", paramLabel = "SECONDS",
            description = "On Ctrl+C or SIGTERM, how long invocations still running may take to end before they are"
                    + " cut short; new invocations are refused meanwhile (default: ${DEFAULT-VALUE}).")
    int shutdownGrace;

    enum LogFormat { text, json }

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(System.out, System.err);
        Main main = commandLine.getCommand();
        // Once the options are known and before the first logger exists. The console logging itself is registered
        // as SLF4J's provider in the command line's jar: not through the slf4j.provider property, which functions
        // running in this JVM would see too (their own SLF4J would then look for a class it cannot have).
        commandLine.setExecutionStrategy(parsed -> {
            System.setProperty(ConsoleLogging.FORMAT_PROPERTY, main.logFormat.name());
            return new CommandLine.RunLast().execute(parsed);
        });
        System.exit(commandLine.execute(args));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main(out, err));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (shutdownGrace < 0 || shutdownGrace > 900) {
            err.println("iotlocal: --shutdown-grace must be between 0 and 900 seconds, was " + shutdownGrace + ".");
            return BAD_COMMAND_LINE;
        }
        if (!Files.isRegularFile(config)) {
            err.println("iotlocal: no serverless.yml at " + config.toAbsolutePath()
                    + ". Pass the service's file with --config, e.g. --config handlers/serverless.yml");
            return COULD_NOT_START;
        }
        IotLocal iot;
        try {
            iot = IotLocal.builder().config(config).stage(stage).region(region).host(host)
                    .edgePort(port).mqttPort(mqttPort).build().start();
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            err.println("iotlocal: " + e.getMessage());
            return COULD_NOT_START;
        }
        long readyMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        CountDownLatch stopped = new CountDownLatch(1);
        Duration grace = Duration.ofSeconds(shutdownGrace);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String summary;
            try {
                summary = iot.close(grace).summary();
            } catch (InterruptedException e) {
                iot.close();
                summary = "the wait for invocations in flight was interrupted";
            }
            err.println("iotlocal: stopped: " + summary + ".");
            err.flush();
            stopped.countDown();
            // Stopping on request (Ctrl+C, SIGTERM) is a normal end: exit 0, not the JVM's 130/143.
            Runtime.getRuntime().halt(0);
        }, "iotlocal-shutdown"));
        out.print(Banner.of(iot, readyMillis));
        out.flush();
        stopped.await();
        return 0;
    }
}
