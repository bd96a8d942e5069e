package dev.iotlocal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.TestMqttClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's browser client after its first steps: a session fetched from the API, connected over the presigned
 * WebSocket URL, subscribed to its response topic. Works against the emulator and against a deployed stack.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String channel;
    final TestMqttClient mqtt;

    Browser(URI sessionUrl) throws Exception {
        JsonNode session = newSession(sessionUrl);
        channel = session.path("channelId").asText();
        mqtt = TestMqttClient.connect(session.path("endpointUrl").asText(), "browser-" + channel);
        mqtt.subscribe("foobar/" + channel + "/response");
    }

    /** GET /dev, as the browser's first step: {"endpointUrl": ..., "channelId": ...}. */
    static JsonNode newSession(URI sessionUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(sessionUrl).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Publishes {"channelId": ...} to the topic, as the seed's client does to start a function. */
    void start(String topic) {
        mqtt.publish(topic, JSON.createObjectNode().put("channelId", channel).toString());
    }

    /** Sends one request to the function. */
    void request(String message) {
        mqtt.publish("foobar/" + channel + "/request", message);
    }

    /** The next message on the response topic. */
    JsonNode takeResponse() throws Exception {
        TestMqttClient.Message received = mqtt.takeMessage(WAIT);
        assertThat(received.topic()).isEqualTo("foobar/" + channel + "/response");
        return JSON.readTree(received.payloadAsString());
    }

    @Override
    public void close() {
        mqtt.close();
    }
}
