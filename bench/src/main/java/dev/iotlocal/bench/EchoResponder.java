package dev.iotlocal.bench;

import org.eclipse.paho.client.mqttv3.MqttException;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor's counterpart of the seed's MQTT function, without the emulator: a plain client that answers every
 * request, the way {@code PongSession} does (Paho's callback queues, a thread of its own publishes with QoS 1 and
 * waits for the PUBACK).
 */
final class EchoResponder implements AutoCloseable {

    private static final byte[] ANSWER = "{\"message\":\"PONG\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final BenchClient client;
    private final Thread worker;
    private volatile boolean running = true;

    EchoResponder(BenchClient client, String requestTopic, String responseTopic) throws MqttException {
        this.client = client;
        BlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();
        client.onArrival(inbox::add);
        client.subscribe(requestTopic, 1, Duration.ofSeconds(10));
        this.worker = new Thread(() -> {
            while (running) {
                try {
                    if (inbox.poll(100, TimeUnit.MILLISECONDS) != null) {
                        client.publishAndWait(responseTopic, ANSWER, 1, Duration.ofSeconds(10));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (MqttException e) {
                    if (running) {
                        System.err.println("echo responder: " + e);
                    }
                }
            }
        }, "echo-responder");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(5_000);
        client.close();
    }
}
