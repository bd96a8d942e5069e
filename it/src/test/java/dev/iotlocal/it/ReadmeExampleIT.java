package dev.iotlocal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.junit.TestMqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The first test of README.md, "Testing your service", word for word (but for the path to serverless.yml). */
class ReadmeExampleIT {

    @RegisterExtension
    static IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("../handlers/serverless.yml")
            .build();

    @Test
    void theMqttFunctionAnswersPong() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(iot.apiUrl("/")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode session = new ObjectMapper().readTree(response.body());
        String channel = session.get("channelId").asText();

        try (TestMqttClient browser = TestMqttClient.connect(session.get("endpointUrl").asText(), "browser-" + channel)) {
            browser.subscribe("foobar/" + channel + "/response");
            browser.publish("foobar/session", "{\"channelId\":\"" + channel + "\"}");
            assertThat(browser.takeMessage(Duration.ofSeconds(10)).payloadAsString()).contains("ready");

            browser.publish("foobar/" + channel + "/request", "{}");
            assertThat(browser.takeMessage(Duration.ofSeconds(10)).payloadAsString()).contains("PONG");
        }
        assertThat(iot.takeInvocation("session", Duration.ofSeconds(5)).succeeded()).isTrue();
    }
}
