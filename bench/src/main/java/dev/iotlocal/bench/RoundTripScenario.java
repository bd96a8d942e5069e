package dev.iotlocal.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 4. Request/PONG round trip through the emulator (browser over WebSocket, the MQTT function answering), against the
 * same round trip with a plain client answering (the floor: what the broker alone costs), on the emulator and on
 * Mosquitto, with the same client.
 */
final class RoundTripScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] REQUEST = "{\"message\":\"PING\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public String id() {
        return "roundtrip";
    }

    @Override
    public String title() {
        return "4 round trip";
    }

    @Override
    public void run(Run run) throws Exception {
        String scenario = title();
        Map<String, Stats> results = new LinkedHashMap<>();
        try (EmulatorProcess emulator = EmulatorProcess.start(run, run.repo().exampleConfig(), Map.of(), null,
                run.flightRecording("roundtrip"), "roundtrip")) {
            results.put("pong", pong(run, emulator));
            results.put("emulator WebSocket", echo(run, Brokers.emulatorWebSocket(emulator)));
            results.put("emulator TCP", echo(run, Brokers.emulatorTcp(emulator)));
        }
        run.summariseProfile("roundtrip", "Profile: round trips (emulator process)");
        if (run.mosquitto().present()) {
            try (Mosquitto mosquitto = Mosquitto.start(run)) {
                results.put("Mosquitto WebSocket", echo(run, Brokers.mosquittoWebSocket(mosquitto)));
                results.put("Mosquitto TCP", echo(run, Brokers.mosquittoTcp(mosquitto)));
            }
        }

        run.report().add(Measure.timing(scenario, "request to PONG, seed's MQTT function (browser over WebSocket)", "ms",
                results.get("pong"), "QoS 1 both ways; the function connects over a presigned WebSocket"));
        for (String broker : List.of("emulator WebSocket", "emulator TCP", "Mosquitto WebSocket", "Mosquitto TCP")) {
            if (results.containsKey(broker)) {
                run.report().add(Measure.timing(scenario, "request to answer, plain client answering, " + broker, "ms",
                        results.get(broker), "the floor: same QoS, same client, no function"));
            }
        }
        double overFloor = results.get("pong").p50() / results.get("emulator WebSocket").p50();
        run.report().add(Measure.value(scenario, "PONG / floor on the same broker (p50, WebSocket)", "x", overFloor, "")
                .against("<= 1.5x", overFloor <= 1.5));
        for (String transport : List.of("WebSocket", "TCP")) {
            if (results.containsKey("Mosquitto " + transport)) {
                run.report().add(Measure.value(scenario, "emulator / Mosquitto, floor over " + transport + " (p50)", "x",
                        results.get("emulator " + transport).p50() / results.get("Mosquitto " + transport).p50(), ""));
            }
        }
        if (results.containsKey("Mosquitto WebSocket")) {
            run.report().add(Measure.value(scenario, "PONG / Mosquitto floor over WebSocket (p50)", "x",
                    results.get("pong").p50() / results.get("Mosquitto WebSocket").p50(), ""));
        }
    }

    private static Stats pong(Run run, EmulatorProcess emulator) throws Exception {
        URI sessionUrl = URI.create("http://127.0.0.1:" + emulator.edgePort() + "/dev/");
        Samples samples = new Samples();
        try (SeedSession session = SeedSession.establish(SeedSession.httpClient(), sessionUrl, TIMEOUT,
                BenchClient.browsers(null))) {
            for (int i = 0; i < run.config().roundTripWarmup() + run.config().roundTrips(); i++) {
                long nanos = session.roundTrip(TIMEOUT);
                if (i >= run.config().roundTripWarmup()) {
                    samples.add(nanos);
                }
            }
        }
        return samples.millis();
    }

    private static Stats echo(Run run, Brokers.Endpoint broker) throws Exception {
        String id = Long.toHexString(System.nanoTime());
        String request = "bench/rtt/" + id + "/request";
        String response = "bench/rtt/" + id + "/response";
        Samples samples = new Samples();
        try (EchoResponder responder = new EchoResponder(BenchClient.connect(broker.url(), "echo-" + id, TIMEOUT, 10, null),
                request, response);
             BenchClient client = BenchClient.connect(broker.url(), "requester-" + id, TIMEOUT, 10, null)) {
            client.subscribe(response, 1, TIMEOUT);
            for (int i = 0; i < run.config().roundTripWarmup() + run.config().roundTrips(); i++) {
                long start = System.nanoTime();
                client.publish(request, REQUEST, 1, null);
                Arrival answer = client.take(TIMEOUT);
                if (answer == null) {
                    throw new IllegalStateException("No answer on " + broker.label() + " within " + TIMEOUT.toSeconds() + " s");
                }
                if (i >= run.config().roundTripWarmup()) {
                    samples.add(answer.nanos() - start);
                }
            }
        }
        return samples.millis();
    }
}
