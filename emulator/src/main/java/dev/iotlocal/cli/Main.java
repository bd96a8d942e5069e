package dev.iotlocal.cli;

import dev.iotlocal.IotLocal;
import dev.iotlocal.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar iotlocal.jar --config serverless.yml}: runs the emulator until stopped. */
@Command(name = "iotlocal", mixinStandardHelpOptions = true, version = "iotlocal 0.1.0",
        description = "Runs AWS IoT Core, Lambda and API Gateway for a serverless.yml service, offline.")
public final class Main implements Callable<Integer> {

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

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(config)) {
            System.err.println("iotlocal: no serverless.yml at " + config.toAbsolutePath()
                    + ". Pass the service's file with --config, e.g. --config handlers/serverless.yml");
            return 2;
        }
        long started = System.nanoTime();
        IotLocal iot;
        try {
            iot = IotLocal.builder().config(config).stage(stage).region(region).host(host)
                    .edgePort(port).mqttPort(mqttPort).build().start();
        } catch (ConfigException e) {
            System.err.println("iotlocal: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("iotlocal: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            iot.close();
            stopped.countDown();
        }, "iotlocal-shutdown"));
        System.out.print(Banner.of(iot, (System.nanoTime() - started) / 1_000_000));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
