package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.junit.IotLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Where AWS IoT's matching differs from MQTT 3.1.1, AWS IoT's wins. */
class TopicMatchingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/broker/serverless.yml").build();

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    @Test
    void aHashFilterDoesNotMatchItsParentTopic() throws Exception {
        String sensor = "sensor-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), "matcher-" + sensor);
             TestMqttClient publisher = TestMqttClient.connect(tcp(), "publisher-" + sensor)) {
            subscriber.subscribe(sensor + "/#");

            publisher.publish(sensor, "parent");
            publisher.publish(sensor + "/", "empty level");
            publisher.publish(sensor + "/temperature/room1", "child");

            assertThat(subscriber.takeMessage(WAIT).payloadAsString()).isEqualTo("empty level");
            assertThat(subscriber.takeMessage(WAIT).payloadAsString()).isEqualTo("child");
        }
    }

    @Test
    void aFilterStartingWithAWildcardMatchesNoReservedTopic() throws Exception {
        String marker = "marker-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), "everything-" + marker)) {
            subscriber.subscribe("#");
            TestMqttClient.connect(tcp(), "announced-" + marker).close(); // publishes $aws/events/presence/...
            try (TestMqttClient publisher = TestMqttClient.connect(tcp(), "publisher-" + marker)) {
                publisher.publish(marker, "marker");
            }

            TestMqttClient.Message first = subscriber.takeMessage(WAIT);
            assertThat(first.topic()).as("no lifecycle event before the marker").isEqualTo(marker);
        }
    }
}
