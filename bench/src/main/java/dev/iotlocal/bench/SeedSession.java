package dev.iotlocal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The seed's browser, step by step: GET the session (a presigned URL and a channel), connect over the WebSocket URL
 * (SigV4 checked), subscribe to the response topic, publish the channel to {@code foobar/session} (the rule wakes the
 * MQTT function), wait for {@code ready}, then request and wait for {@code PONG}. Each step is timed.
 */
final class SeedSession implements AutoCloseable {

    static final byte[] REQUEST = "{\"message\":\"PING\"}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nanoseconds of each step of the set-up. */
    record Steps(long http, long connect, long subscribe, long ready) {
        long total() {
            return http + connect + subscribe + ready;
        }
    }

    final String channel;
    final MqttLink mqtt;
    final Steps steps;

    private SeedSession(String channel, MqttLink mqtt, Steps steps) {
        this.channel = channel;
        this.mqtt = mqtt;
        this.steps = steps;
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Runs the set-up up to {@code ready}, with the given MQTT client in the browser's part. */
    static SeedSession establish(HttpClient http, URI sessionUrl, Duration timeout, MqttLink.Connector browser)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(sessionUrl).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + sessionUrl + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode session = JSON.readTree(response.body());
        String channel = session.path("channelId").asText();
        long t1 = System.nanoTime();
        MqttLink mqtt = browser.connect(session.path("endpointUrl").asText(), "browser-" + channel, timeout);
        try {
            long t2 = System.nanoTime();
            mqtt.subscribe(responseTopic(channel), timeout);
            long t3 = System.nanoTime();
            mqtt.publishAndWait("foobar/session", ("{\"channelId\":\"" + channel + "\"}").getBytes(StandardCharsets.UTF_8),
                    timeout);
            Arrival ready = mqtt.take(timeout);
            if (ready == null || !ready.contains("\"ready\"")) {
                throw new IllegalStateException("The MQTT function did not say ready on " + responseTopic(channel)
                        + " within " + timeout.toMillis() + " ms" + (ready == null ? "" : "; got " + new String(ready.payload())));
            }
            return new SeedSession(channel, mqtt, new Steps(t1 - t0, t2 - t1, t3 - t2, ready.nanos() - t3));
        } catch (Exception e) {
            mqtt.close();
            throw e;
        }
    }

    static String responseTopic(String channel) {
        return "foobar/" + channel + "/response";
    }

    String requestTopic() {
        return "foobar/" + channel + "/request";
    }

    /** One request and its PONG, in nanoseconds. */
    long roundTrip(Duration timeout) throws Exception {
        long start = System.nanoTime();
        mqtt.publish(requestTopic(), REQUEST);
        Arrival pong = mqtt.take(timeout);
        if (pong == null || !pong.contains("\"PONG\"")) {
            throw new IllegalStateException("No PONG on " + responseTopic(channel) + " within " + timeout.toMillis()
                    + " ms" + (pong == null ? "" : "; got " + new String(pong.payload())));
        }
        return pong.nanos() - start;
    }

    @Override
    public void close() {
        mqtt.close();
    }
}
