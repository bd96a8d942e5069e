package dev.iotlocal.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * 3. The seed's session end to end, as its browser lives it: GET the session, WebSocket connect with SigV4, subscribe,
 * publish to {@code foobar/session}, {@code ready}, first PONG. Cold is the first session after the emulator started
 * (the functions' first environments); warm is a later session once the previous MQTT function has ended, so both
 * functions run in warm environments.
 */
final class SessionScenario implements Scenario {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The seed waits 30 s; 1 s lets the previous session's function end before the next warm session. */
    static final Map<String, Map<String, String>> SHORT_IDLE = Map.of("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "1"));

    @Override
    public String id() {
        return "session";
    }

    @Override
    public String title() {
        return "3 session";
    }

    @Override
    public void run(Run run) throws Exception {
        BenchConfig config = run.config();
        Breakdown cold = new Breakdown();
        double[] sessionInit = new double[config.coldSessions()];
        double[] mqttInit = new double[config.coldSessions()];
        for (int i = 0; i < config.coldSessions(); i++) {
            try (EmulatorProcess emulator = EmulatorProcess.start(run, run.repo().exampleConfig(), SHORT_IDLE, null,
                    List.of(), "session-cold-" + i)) {
                cold.add(session(emulator, SeedSession.httpClient()));
                sessionInit[i] = emulator.take("session", Duration.ofSeconds(5)).initMillis();
                mqttInit[i] = emulator.take("mqtt", TIMEOUT).initMillis();
            }
        }
        Breakdown warm = new Breakdown();
        int coldEnvironments = 0;
        try (EmulatorProcess emulator = EmulatorProcess.start(run, run.repo().exampleConfig(), SHORT_IDLE, null,
                run.flightRecording("session-warm"), "session-warm")) {
            HttpClient http = SeedSession.httpClient(); // a browser keeps its connection
            int warmUp = 3;
            for (int i = 0; i < warmUp + config.warmSessions(); i++) {
                Timings timings = session(emulator, http);
                EmulatorProcess.HostInvocation mqtt = emulator.take("mqtt", TIMEOUT);
                EmulatorProcess.HostInvocation session = emulator.take("session", Duration.ofSeconds(5));
                if (!mqtt.found() || !mqtt.succeeded() || !session.succeeded()) {
                    throw new IllegalStateException("A session's functions failed: mqtt " + mqtt + ", session " + session);
                }
                if (i >= warmUp) {
                    warm.add(timings);
                    coldEnvironments += (mqtt.cold() ? 1 : 0) + (session.cold() ? 1 : 0);
                }
            }
        }
        clientConnects(run, config.warmSessions());
        String scenario = title();
        Stats coldTotal = cold.total.millis();
        run.report().add(Measure.timing(scenario, "cold: GET session to first PONG", "ms", coldTotal,
                "first session after start: both functions start cold, each in its own class loader from the jar")
                .against("< 500 ms (p50)", coldTotal.p50() < 500));
        cold.addSteps(run, scenario, "cold");
        run.report().add(Measure.timing(scenario, "cold: session function Init Duration", "ms", Stats.of(sessionInit),
                "its classes loaded from the jar (each rewritten for getenv/exit), static init, constructor"));
        run.report().add(Measure.timing(scenario, "cold: mqtt function Init Duration", "ms", Stats.of(mqttInit),
                "the same for the MQTT function; its Paho connect comes after, in the handler"));
        Stats warmTotal = warm.total.millis();
        run.report().add(Measure.timing(scenario, "warm: GET session to first PONG", "ms", warmTotal,
                coldEnvironments == 0 ? "both functions warm in every repetition"
                        : coldEnvironments + " cold environments among the repetitions")
                .against("< 30 ms (p50)", warmTotal.p50() < 30));
        warm.addSteps(run, scenario, "warm");
        run.summariseProfile("session-warm", "Profile: warm sessions (emulator process)");
    }

    /**
     * What connecting costs each client, against the emulator and against Mosquitto: Paho 1.2.5, which the seed's
     * MQTT function uses, waits for each of its three threads to start by sleeping 100 ms at a time.
     */
    private void clientConnects(Run run, int repetitions) throws Exception {
        Samples pahoTcp = new Samples();
        Samples pahoWebSocket = new Samples();
        Samples jdkWebSocket = new Samples();
        Samples pahoMosquitto = new Samples();
        HttpClient http = SeedSession.httpClient();
        try (EmulatorProcess emulator = EmulatorProcess.start(run, run.repo().exampleConfig(), Map.of(), null, List.of(),
                "session-connects")) {
            Brokers.Endpoint tcp = Brokers.emulatorTcp(emulator);
            Brokers.Endpoint webSocket = Brokers.emulatorWebSocket(emulator);
            for (int i = 0; i < 2 + repetitions; i++) {
                boolean warmUp = i < 2; // the first connections load classes on both sides
                String id = "connect-" + i;
                time(warmUp ? new Samples() : pahoTcp, () -> BenchClient.connect(tcp.url(), id, TIMEOUT, 10, null));
                time(warmUp ? new Samples() : pahoWebSocket, () -> BenchClient.connect(webSocket.url(), id, TIMEOUT, 10, null));
                time(warmUp ? new Samples() : jdkWebSocket, () -> WebSocketBrowser.connect(http, webSocket.url(), id, TIMEOUT));
            }
        }
        if (run.mosquitto().present()) {
            try (Mosquitto mosquitto = Mosquitto.start(run)) {
                Brokers.Endpoint tcp = Brokers.mosquittoTcp(mosquitto);
                for (int i = 0; i < 2 + repetitions; i++) {
                    String id = "connect-" + i;
                    time(i < 2 ? new Samples() : pahoMosquitto, () -> BenchClient.connect(tcp.url(), id, TIMEOUT, 10, null));
                }
            }
        }
        String scenario = title();
        run.report().add(Measure.timing(scenario, "client connect: Paho 1.2.5, emulator TCP", "ms", pahoTcp.millis(),
                "Paho's connect sleeps 100 ms per thread it starts (CommsSender, CommsReceiver, CommsCallback)"));
        run.report().add(Measure.timing(scenario, "client connect: Paho 1.2.5, emulator WebSocket (SigV4)", "ms",
                pahoWebSocket.millis(), "what the seed's MQTT function pays on every invocation"));
        if (pahoMosquitto.size() > 0) {
            run.report().add(Measure.timing(scenario, "client connect: Paho 1.2.5, Mosquitto TCP", "ms",
                    pahoMosquitto.millis(), "the same cost without the emulator: it is the client's"));
        }
        run.report().add(Measure.timing(scenario, "client connect: JDK WebSocket + MQTT (the benchmark's browser)", "ms",
                jdkWebSocket.millis(), "WebSocket upgrade with SigV4 check, CONNECT, CONNACK"));
    }

    private interface Connect {
        MqttLink open() throws Exception;
    }

    private static void time(Samples into, Connect connect) throws Exception {
        long start = System.nanoTime();
        MqttLink link = connect.open();
        into.add(System.nanoTime() - start);
        link.close();
    }

    record Timings(SeedSession.Steps steps, long pong) {
    }

    /** One session; the browser's page and its WebSocket share one HTTP client, as in a browser. */
    private static Timings session(EmulatorProcess emulator, HttpClient http) throws Exception {
        URI sessionUrl = URI.create("http://127.0.0.1:" + emulator.edgePort() + "/dev/");
        try (SeedSession session = SeedSession.establish(http, sessionUrl, TIMEOUT, WebSocketBrowser.connector(http))) {
            return new Timings(session.steps, session.roundTrip(TIMEOUT));
        }
    }

    /** Each step of many sessions. */
    private static final class Breakdown {
        final Samples total = new Samples();
        final Samples http = new Samples();
        final Samples connect = new Samples();
        final Samples subscribe = new Samples();
        final Samples ready = new Samples();
        final Samples pong = new Samples();

        void add(Timings timings) {
            total.add(timings.steps().total() + timings.pong());
            http.add(timings.steps().http());
            connect.add(timings.steps().connect());
            subscribe.add(timings.steps().subscribe());
            ready.add(timings.steps().ready());
            pong.add(timings.pong());
        }

        void addSteps(Run run, String scenario, String kind) {
            run.report().add(Measure.timing(scenario, kind + " step: GET /dev (session function)", "ms", http.millis(), ""));
            run.report().add(Measure.timing(scenario, kind + " step: WebSocket connect, SigV4, CONNACK", "ms",
                    connect.millis(), ""));
            run.report().add(Measure.timing(scenario, kind + " step: subscribe", "ms", subscribe.millis(), ""));
            run.report().add(Measure.timing(scenario, kind + " step: publish to ready", "ms", ready.millis(),
                    "rule, MQTT function invoked, its WebSocket connect, subscribe, ready"));
            run.report().add(Measure.timing(scenario, kind + " step: first request to PONG", "ms", pong.millis(), ""));
        }
    }
}
