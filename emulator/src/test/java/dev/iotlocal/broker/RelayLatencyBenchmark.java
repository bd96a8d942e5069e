package dev.iotlocal.broker;

import java.time.Clock;
import java.util.Arrays;

/**
 * What the device gateway costs a round trip: a QoS 0 message from one client to another, through the gateway and
 * straight to Moquette, on loopback. Not a test: run its main method from the IDE, or after
 * {@code mvn -pl emulator test-compile} with {@code java -cp} over the test classpath (docs/iot-broker.md).
 */
public final class RelayLatencyBenchmark {

    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 10_000;

    public static void main(String[] args) throws Exception {
        try (MqttBroker broker = MqttBroker.start(new BrokerSettings("127.0.0.1", 0), message -> { }, Clock.systemUTC())) {
            EmbeddedMoquette direct = EmbeddedMoquette.start();
            try {
                report("through the gateway", measure(broker.port()));
                report("straight to Moquette", measure(direct.port()));
            } finally {
                direct.stop();
            }
        }
    }

    private static long[] measure(int port) throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected(port, "bench-sub", true);
             RawMqttClient publisher = RawMqttClient.connected(port, "bench-pub", true)) {
            subscriber.subscribeAndWait("bench/topic", 0);
            byte[] payload = "{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                long start = System.nanoTime();
                publisher.publish("bench/topic", payload, 0, false);
                subscriber.read(java.time.Duration.ofSeconds(5));
                if (i >= WARM_UP) {
                    nanos[i - WARM_UP] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            return nanos;
        }
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%-22s median %6.1f us   p90 %6.1f us   p99 %6.1f us%n", what, sorted[sorted.length / 2] / 1e3,
                sorted[sorted.length * 9 / 10] / 1e3, sorted[sorted.length * 99 / 100] / 1e3);
    }
}
