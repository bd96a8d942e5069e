package dev.iotlocal.junit;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A static field: one emulator for the class, its records forgotten between tests. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassExtensionTest {

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/iotlocal/echo.yml").build();

    private static IotLocal first;

    @Test
    @Order(1)
    void recordsWhatWasPublished(IotLocal injected) throws Exception {
        first = injected;
        assertThat(injected).isSameAs(iot.iot());
        iot.iot().publish("echo/1", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), 0);

        assertThat(iot.takePublish("echo/+", Duration.ofSeconds(5)).topic()).isEqualTo("echo/1");
        assertThat(iot.takeInvocation("echo", Duration.ofSeconds(10)).succeeded()).isTrue();
        iot.iot().publish("echo/2", "{\"n\":2}".getBytes(StandardCharsets.UTF_8), 0); // left for the next test to not see
        iot.takeInvocation("echo", Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void keepsTheEmulatorAndForgetsTheRecords() throws Exception {
        assertThat(iot.iot()).isSameAs(first);
        assertThat(iot.iot().takePublish("echo/+", Duration.ofMillis(200))).isEmpty();
    }

    @Test
    @Order(3)
    void connectsAClientOverAPresignedWebSocket() throws Exception {
        try (TestMqttClient client = iot.mqttClient("extension-client")) {
            client.subscribe("echo/#");
            client.publish("echo/3", "{\"n\":3}");

            TestMqttClient.Message message = client.takeMessage(Duration.ofSeconds(5));
            assertThat(message.topic()).isEqualTo("echo/3");
            assertThat(message.payloadAsString()).isEqualTo("{\"n\":3}");
        }
    }
}
