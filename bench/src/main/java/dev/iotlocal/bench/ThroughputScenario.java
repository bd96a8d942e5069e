package dev.iotlocal.bench;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 5. Throughput with QoS 0 and QoS 1: fan-in (several publishers, one subscriber) and fan-out (one publisher, several
 * subscribers), on the emulator over TCP and WebSocket and on Mosquitto, same client, runs interleaved so that a
 * change in the machine's load hits both brokers alike. Each publisher keeps a window of messages in flight.
 */
final class ThroughputScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Messages a publisher has sent but not yet seen acknowledged (QoS 1) or written (QoS 0). */
    static final int WINDOW = 100;
    private static final byte[] PAYLOAD = new byte[64];
    /** A run ends when nothing arrives for this long, so lost QoS 0 messages cannot stall it. */
    private static final long STALL_NANOS = Duration.ofSeconds(5).toNanos();

    static {
        Arrays.fill(PAYLOAD, (byte) 'x');
    }

    private record Rate(double perSecond, long delivered, long expected, String failure) {
        static Rate failed(long expected, Exception e) {
            return new Rate(0, 0, expected, String.valueOf(e.getMessage()));
        }
    }

    private interface Measurement {
        Rate measure() throws Exception;
    }

    /** A run that cannot even connect is recorded as failed, and the scenario goes on. */
    private static Rate attempt(long expected, Measurement measurement) {
        try {
            return measurement.measure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Rate.failed(expected, e);
        } catch (Exception e) {
            return Rate.failed(expected, e);
        }
    }

    @Override
    public String id() {
        return "throughput";
    }

    @Override
    public String title() {
        return "5 throughput";
    }

    @Override
    public void run(Run run) throws Exception {
        BenchConfig config = run.config();
        String scenario = title();
        Map<String, Double> medians = new LinkedHashMap<>();
        try (EmulatorProcess emulator = EmulatorProcess.start(run, run.repo().exampleConfig(), Map.of(), null,
                run.flightRecording("throughput"), "throughput");
             Mosquitto mosquitto = run.mosquitto().present() ? Mosquitto.start(run) : null) {
            List<Brokers.Endpoint> endpoints = new ArrayList<>(List.of(Brokers.emulatorTcp(emulator),
                    Brokers.emulatorWebSocket(emulator)));
            if (mosquitto != null) {
                endpoints.add(Brokers.mosquittoTcp(mosquitto));
                endpoints.add(Brokers.mosquittoWebSocket(mosquitto));
            }
            for (Brokers.Endpoint endpoint : endpoints) { // warm-up, not counted: the JIT compiles both brokers' paths
                attempt(0, () -> fanIn(endpoint, 1, config.fanSize(), config.throughputMessages()));
                attempt(0, () -> fanOut(endpoint, 0, config.fanSize(), config.throughputMessages()));
            }
            for (String pattern : List.of("fan-in", "fan-out")) {
                for (int qos : new int[] {0, 1}) {
                    Map<String, List<Rate>> rates = new LinkedHashMap<>();
                    for (int r = 0; r < config.throughputRuns(); r++) {
                        for (Brokers.Endpoint endpoint : endpoints) {
                            int q = qos;
                            Rate rate = attempt(config.throughputMessages(), pattern.equals("fan-in")
                                    ? () -> fanIn(endpoint, q, config.fanSize(), config.throughputMessages())
                                    : () -> fanOut(endpoint, q, config.fanSize(), config.throughputMessages()));
                            rates.computeIfAbsent(endpoint.label(), k -> new ArrayList<>()).add(rate);
                        }
                    }
                    rates.forEach((label, list) -> {
                        double median = Stats.of(list.stream().mapToDouble(Rate::perSecond).toArray()).p50();
                        long lost = list.stream().filter(rate -> rate.failure() == null)
                                .mapToLong(rate -> rate.expected() - rate.delivered()).sum();
                        List<String> failures = list.stream().map(Rate::failure).filter(java.util.Objects::nonNull).toList();
                        medians.put(key(pattern, qos, label), median);
                        String shape = pattern.equals("fan-in") ? config.fanSize() + " publishers, 1 subscriber"
                                : "1 publisher, " + config.fanSize() + " subscribers";
                        Measure line = Measure.value(scenario, pattern + " QoS " + qos + ", " + label, "msg/s", median,
                                shape + "; messages delivered per second, median of " + list.size() + " runs of "
                                        + list.get(0).expected() + (lost == 0 ? "" : "; " + lost + " LOST")
                                        + (failures.isEmpty() ? "" : "; " + failures.size() + " run(s) FAILED: " + failures.get(0)));
                        // QoS 1 is "at least once": a subscriber that stays connected must get every message.
                        run.report().add(qos == 1 ? line.against("none lost (QoS 1)", lost == 0 && failures.isEmpty()) : line);
                    });
                }
            }
        }
        run.summariseProfile("throughput", "Profile: throughput (emulator process)");
        for (String pattern : List.of("fan-in", "fan-out")) {
            for (int qos : new int[] {0, 1}) {
                for (String transport : List.of("TCP", "WebSocket")) {
                    Double emulator = medians.get(key(pattern, qos, "emulator " + transport));
                    Double mosquitto = medians.get(key(pattern, qos, "Mosquitto " + transport));
                    if (emulator != null && mosquitto != null) {
                        Measure ratio = Measure.value(scenario, "emulator / Mosquitto, " + pattern + " QoS " + qos + ", "
                                + transport, "x", emulator / mosquitto, "");
                        run.report().add(qos == 1 ? ratio.against(">= 0.5x", emulator / mosquitto >= 0.5) : ratio);
                    }
                }
            }
        }
    }

    private static String key(String pattern, int qos, String label) {
        return pattern + "/" + qos + "/" + label;
    }

    private static Rate fanIn(Brokers.Endpoint endpoint, int qos, int publishers, int messages) throws Exception {
        String base = "bench/tp/" + Long.toHexString(System.nanoTime());
        int perPublisher = messages / publishers;
        Receivers receivers = new Receivers(perPublisher * (long) publishers);
        List<BenchClient> clients = new ArrayList<>();
        try {
            BenchClient subscriber = BenchClient.connect(endpoint.url(), "tp-sub-" + base.hashCode(), TIMEOUT, WINDOW, null);
            clients.add(subscriber);
            receivers.listen(subscriber, base + "/+", qos);
            List<BenchClient> senders = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                BenchClient sender = BenchClient.connect(endpoint.url(), "tp-pub-" + p + "-" + base.hashCode(), TIMEOUT, WINDOW, null);
                clients.add(sender);
                senders.add(sender);
            }
            List<String> topics = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                topics.add(base + "/" + p);
            }
            return send(senders, topics, perPublisher, qos, receivers);
        } finally {
            clients.forEach(BenchClient::close);
        }
    }

    private static Rate fanOut(Brokers.Endpoint endpoint, int qos, int subscribers, int deliveries) throws Exception {
        String topic = "bench/tp/" + Long.toHexString(System.nanoTime()) + "/all";
        int messages = deliveries / subscribers;
        Receivers receivers = new Receivers(messages * (long) subscribers);
        List<BenchClient> clients = new ArrayList<>();
        try {
            for (int s = 0; s < subscribers; s++) {
                BenchClient subscriber = BenchClient.connect(endpoint.url(), "tp-sub-" + s + "-" + topic.hashCode(), TIMEOUT,
                        WINDOW, null);
                clients.add(subscriber);
                receivers.listen(subscriber, topic, qos);
            }
            BenchClient sender = BenchClient.connect(endpoint.url(), "tp-pub-" + topic.hashCode(), TIMEOUT, WINDOW, null);
            clients.add(sender);
            return send(List.of(sender), List.of(topic), messages, qos, receivers);
        } finally {
            clients.forEach(BenchClient::close);
        }
    }

    /** Starts every publisher at once and waits until everything arrived, or nothing has for a while. */
    private static Rate send(List<BenchClient> senders, List<String> topics, int perSender, int qos, Receivers receivers)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int p = 0; p < senders.size(); p++) {
            BenchClient sender = senders.get(p);
            String topic = topics.get(p);
            Thread thread = new Thread(() -> {
                Semaphore window = new Semaphore(WINDOW);
                IMqttActionListener release = new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable cause) {
                        failures.incrementAndGet();
                        window.release();
                    }
                };
                try {
                    go.await();
                    for (int i = 0; i < perSender; i++) {
                        window.acquire();
                        sender.publish(topic, PAYLOAD, qos, release);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (MqttException e) {
                    failures.incrementAndGet();
                }
            }, "publisher-" + p);
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        receivers.start(start);
        go.countDown();
        receivers.await();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        long delivered = receivers.count.get();
        double seconds = Math.max(1, receivers.last.get() - start) / 1e9;
        return new Rate(delivered / seconds, delivered, receivers.expected, null);
    }

    /** Counts what the subscribers receive and when the last message came. */
    private static final class Receivers {
        final long expected;
        final AtomicLong count = new AtomicLong();
        final AtomicLong last = new AtomicLong();
        final CountDownLatch all = new CountDownLatch(1);

        Receivers(long expected) {
            this.expected = expected;
        }

        void listen(BenchClient subscriber, String filter, int qos) throws MqttException {
            subscriber.onArrival(arrival -> {
                last.accumulateAndGet(arrival.nanos(), Math::max);
                if (count.incrementAndGet() == expected) {
                    all.countDown();
                }
            });
            subscriber.subscribe(filter, qos, TIMEOUT);
        }

        void start(long nanos) {
            last.set(nanos);
        }

        /** Bounded: returns when all arrived, or after STALL_NANOS without a new message. */
        void await() throws InterruptedException {
            long seen = -1;
            long progressAt = System.nanoTime();
            while (!all.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                long now = count.get();
                if (now != seen) {
                    seen = now;
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                    return;
                }
            }
        }
    }
}
