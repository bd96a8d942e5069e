package dev.iotlocal.broker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that subscribes the moment its CONNACK arrives (or sends its SUBSCRIBE with its CONNECT) is served. */
class ConnectRaceTest {

    private MqttBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSubscribeRightAfterTheConnectIsAlwaysAnswered() throws Exception {
        broker = MqttBroker.start(new BrokerSettings("127.0.0.1", 0), message -> { }, Clock.systemUTC());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < Integer.getInteger("race.clients", 1600); i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    try (RawMqttClient client = RawMqttClient.connected(broker.port(), "race-" + n, true)) {
                        byte[] granted = client.subscribeAndWait("race/" + n + "/#", 1);
                        if (granted.length != 1 || granted[0] != 1) {
                            refused.incrementAndGet();
                        }
                    } catch (IOException | AssertionError e) {
                        problems.add("race-" + n + ": " + e.getMessage());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(refused.get()).isZero();
    }

    @Test
    void whatAClientSendsRightAfterItsConnectAndBeforeItLeavesIsDelivered() throws Exception {
        java.util.concurrent.BlockingQueue<PublishedMessage> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        broker = MqttBroker.start(new BrokerSettings("127.0.0.1", 0), message -> {
            if (message.topic().startsWith("left/")) {
                heard.add(message);
            }
        }, Clock.systemUTC());
        try (RawMqttClient watcher = RawMqttClient.connected(broker.port(), "watcher", true)) {
            watcher.subscribeAndWait("left/#", 0);
            for (int i = 0; i < 300; i++) {
                // As mosquitto_pub does: CONNECT, PUBLISH, DISCONNECT and close, without waiting; half subscribe first.
                try (RawMqttClient client = RawMqttClient.connected(broker.port(), "leaver-" + i, true)) {
                    if (i % 2 == 1) {
                        client.subscribe(List.of("left/" + i + "/echo"), 0);
                    }
                    client.publish("left/" + i, "{\"n\":" + i + "}", 0, false);
                    client.disconnect();
                }
            }
            java.util.Set<String> topics = new java.util.HashSet<>();
            for (int i = 0; i < 300; i++) {
                RawMqttClient.Packet packet = watcher.read(Duration.ofSeconds(10));
                topics.add(packet.topic());
            }
            assertThat(topics).hasSize(300);
        }
        assertThat(heard).hasSize(300);
    }
}
