package dev.iotlocal.it.reliability;

import dev.iotlocal.junit.IotLocalExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile network input against the whole emulator running the seed's service, while a canary session does PONG
 * round trips and never misses one: random and mutated MQTT streams over TCP and over presigned WebSockets, mutated
 * presigned URLs, garbage HTTP to every route. Nothing is answered with a server error, every connection the broker
 * accepted is closed again, and the canary goes on. Seeded ({@code -Diotlocal.fuzz.seed=N}); {@code
 * -Dreliability.frames=N} sets the number of MQTT streams (600 here, 20,000 with {@code -Preliability}).
 */
class HostileNetworkIT {

    private static final long SEED = Long.getLong("iotlocal.fuzz.seed", 20240601L);
    private static final int FRAMES = Integer.getInteger("reliability.frames", 600);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(1);

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(System.getProperty("iotlocal.example.config"))
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "2"))
            .resetBetweenTests(false)
            .build();

    private static Canary canary;
    private static Presence presence;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> summary = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startCanary() {
        presence = new Presence("tcp://127.0.0.1:" + iot.iot().mqttPort());
        canary = Canary.start(iot.apiUrl("/"));
    }

    @AfterAll
    static void checkCanary() throws Exception {
        try {
            List<SessionReport> sessions = canary.stopAndCheck();
            summary.add("canary: " + sessions.size() + " sessions, "
                    + sessions.stream().mapToInt(SessionReport::requests).sum() + " round trips, none missed");
            summary.forEach(line -> System.out.println("hostile network, seed " + SEED + ": " + line));
        } finally {
            presence.close();
        }
    }

    @Test
    void randomAndMutatedMqttOverTcpIsRefusedOrServedAndNoConnectionIsLeftBehind() throws Exception {
        MqttFrames frames = new MqttFrames(SEED);
        List<Callable<String>> streams = new ArrayList<>();
        for (int n = 0; n < FRAMES; n++) {
            byte[] stream = frames.next(n);
            streams.add(() -> overTcp(stream));
        }
        Map<String, Integer> outcomes = run(streams);
        summary.add("MQTT over TCP: " + FRAMES + " streams: " + outcomes);

        assertThat(outcomes.keySet()).allMatch(outcome -> outcome.startsWith("ok"), "every answer well formed");
        presence.assertAllLeft(client -> client.startsWith("hostile-"), Duration.ofSeconds(30));
        canary.awaitRoundTrip(Duration.ofSeconds(30));
    }

    @Test
    void randomAndMutatedMqttOverPresignedWebSocketsIsRefusedOrServed() throws Exception {
        MqttFrames frames = new MqttFrames(SEED + 1);
        Random split = new Random(SEED + 1);
        int count = Math.max(50, FRAMES / 3);
        List<Callable<String>> streams = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] stream = frames.next(n);
            int pieces = 1 + split.nextInt(4);
            boolean asText = split.nextInt(20) == 0;
            streams.add(() -> overWebSocket(stream, pieces, asText));
        }
        Map<String, Integer> outcomes = run(streams);
        summary.add("MQTT over WebSocket: " + count + " streams: " + outcomes);

        assertThat(outcomes.keySet()).allMatch(outcome -> outcome.startsWith("ok"), "every answer well formed");
        presence.assertAllLeft(client -> client.startsWith("hostile-"), Duration.ofSeconds(30));
        canary.awaitRoundTrip(Duration.ofSeconds(30));
    }

    @Test
    void mutatedPresignedUrlsAreRefusedBeforeTheBrokerAndIntactOnesStillConnect() throws Exception {
        PresignedUrls urls = new PresignedUrls(SEED + 2, () -> iot.iot().presignedWebSocketUri());
        int connectedBefore = presence.connectedCount();
        List<Callable<String>> attempts = new ArrayList<>();
        for (int n = 0; n < Math.max(200, FRAMES / 2); n++) {
            String query = urls.mutated(n);
            attempts.add(() -> "status " + upgrade(query));
        }
        Map<String, Integer> outcomes = run(attempts);
        Map<String, Integer> intact = run(List.of(() -> "status " + upgrade(urls.reordered()),
                () -> "status " + upgrade(urls.valid())));
        summary.add("mutated presigned URLs: " + outcomes + "; intact: " + intact);

        assertThat(outcomes.keySet()).as("answers to mutated URLs").allMatch(outcome ->
                outcome.equals("status 403") || outcome.equals("status 400") || outcome.equals("status 414")
                        || outcome.equals("status 431"));
        assertThat(intact).containsOnlyKeys("status 101");
        assertThat(presence.connectedCount()).as("connections the broker saw").isEqualTo(connectedBefore);
        canary.awaitRoundTrip(Duration.ofSeconds(30));
    }

    @Test
    void garbageHttpToEveryRouteGetsAClientErrorNeverAServerError() throws Exception {
        GarbageHttp garbage = new GarbageHttp(SEED + 3, "127.0.0.1:" + iot.iot().edgePort());
        List<Callable<String>> requests = new ArrayList<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        for (byte[] request : garbage.requests()) {
            requests.add(() -> {
                String outcome = describe(exchange(request, true));
                if (!acceptable(outcome)) {
                    wrong.add(outcome + " for " + new String(request, 0, Math.min(request.length, 400),
                            StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"));
                }
                return outcome;
            });
        }
        Map<String, Integer> outcomes = run(requests);
        summary.add("garbage HTTP: " + requests.size() + " requests: " + outcomes);

        assertThat(wrong).as("requests answered with a server error, or never").isEmpty();
        canary.awaitRoundTrip(Duration.ofSeconds(30));
    }

    // ---- the transports ----

    /** Writes the stream, reads what the broker answers until it closes or a second passes; says how it went. */
    private static String overTcp(byte[] stream) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", iot.iot().mqttPort())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ANSWER_WAIT.toMillis());
            try {
                socket.getOutputStream().write(stream);
                socket.getOutputStream().flush();
            } catch (IOException closedWhileWriting) {
                return "ok: closed by the broker";
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed = readUntilClosed(socket.getInputStream(), answer);
            String problem = MqttFrames.checkAnswer(answer.toByteArray());
            return problem != null ? "malformed answer: " + problem : closed ? "ok: closed by the broker" : "ok: left open";
        }
    }

    private static boolean readUntilClosed(InputStream in, ByteArrayOutputStream answer) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return true;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Sends the stream in binary frames (or, now and then, as text) over a presigned WebSocket. */
    private static String overWebSocket(byte[] stream, int pieces, boolean asText) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket;
        try {
            socket = HTTP.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(iot.iot().presignedWebSocketUri(), new WebSocket.Listener() {
                        @Override
                        public CompletableFuture<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            synchronized (answer) {
                                answer.writeBytes(bytes);
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletableFuture<?> onClose(WebSocket ws, int status, String reason) {
                            closed.complete("closed " + status);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            closed.complete("error");
                        }
                    }).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return "upgrade refused: " + e.getCause();
        }
        try {
            return exchangeFrames(socket, stream, pieces, asText, answer, closed);
        } finally {
            socket.abort();
        }
    }

    private static String exchangeFrames(WebSocket socket, byte[] stream, int pieces, boolean asText,
                                         ByteArrayOutputStream answer, CompletableFuture<String> closed) throws Exception {
        try {
            if (asText) {
                socket.sendText(new String(stream, StandardCharsets.ISO_8859_1), true).get(5, TimeUnit.SECONDS);
            } else {
                int at = 0;
                for (int i = 0; i < pieces; i++) {
                    int end = i == pieces - 1 ? stream.length : Math.min(stream.length, at + stream.length / pieces);
                    socket.sendBinary(ByteBuffer.wrap(stream, at, end - at), i == pieces - 1).get(5, TimeUnit.SECONDS);
                    at = end;
                }
            }
        } catch (Exception closedWhileSending) {
            return "ok: closed by the broker";
        }
        String end;
        try {
            end = closed.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException open) {
            end = "left open";
        }
        byte[] received;
        synchronized (answer) {
            received = answer.toByteArray();
        }
        String problem = MqttFrames.checkAnswer(received);
        return problem != null ? "malformed answer: " + problem : "ok: " + end.replaceAll("\\d+", "#");
    }

    /** A WebSocket upgrade of {@code /mqtt?<query>}, written by hand so any bytes can go; returns the status. */
    private static int upgrade(String query) throws IOException {
        String host = "127.0.0.1:" + iot.iot().edgePort();
        byte[] request = ("GET /mqtt?" + query + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        String answer = exchange(request, false);
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    /**
     * Sends raw bytes to the edge port, then (unless upgrading) ends its side, as a client that has said all it
     * will; returns the status line, or "" when the server closed without one.
     */
    static String exchange(byte[] request, boolean endOutput) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", iot.iot().edgePort())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                if (endOutput) {
                    socket.shutdownOutput();
                }
            } catch (IOException closedWhileWriting) {
                // the server may answer and close before reading everything
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                    line.write(b);
                }
            } catch (SocketTimeoutException e) {
                return "timeout";
            } catch (IOException reset) {
                // closed
            }
            return line.toString(StandardCharsets.ISO_8859_1).trim();
        }
    }

    private static String describe(String statusLine) {
        if (statusLine.isEmpty()) {
            return "closed";
        }
        if (statusLine.startsWith("HTTP/1.1 ") && statusLine.length() >= 12) {
            return "status " + statusLine.substring(9, 12);
        }
        return "not HTTP: " + statusLine;
    }

    /**
     * Any answer but a server error: 501 and 505 are the server's word for a method or HTTP version it does not
     * know, which garbage asks for; a connection closed without an answer is how a server treats bytes that are not
     * HTTP at all.
     */
    private static boolean acceptable(String outcome) {
        return outcome.matches("status [1-4]\\d\\d") || outcome.equals("status 501") || outcome.equals("status 505")
                || outcome.equals("closed");
    }

    /** Runs the calls 32 at a time; counts the outcomes (an exception is an outcome too). */
    private static Map<String, Integer> run(List<Callable<String>> calls) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            List<Future<String>> results = pool.invokeAll(calls);
            for (Future<String> result : results) {
                String outcome;
                try {
                    outcome = result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = "failed: " + e.getCause();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }
}
