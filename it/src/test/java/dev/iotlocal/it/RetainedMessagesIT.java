package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.junit.IotLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retained messages as AWS IoT keeps them: delivered on subscribe only to a filter equal to the topic, never through
 * wildcards; an empty retained message deletes. A marker message published after each subscription shows what did
 * NOT arrive: a retained message comes right after the SUBACK, so it would arrive before the marker.
 */
class RetainedMessagesIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config("src/test/resources/broker/serverless.yml").build();

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.iot().mqttPort();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publish(String topic, String payload, int qos, boolean retained) throws Exception {
        try (TestMqttClient publisher = TestMqttClient.connect(tcp(), unique("pub"))) {
            publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
        }
    }

    /** The first message after subscribing: the retained one, or the marker when there is none. */
    private static TestMqttClient.Message firstAfterSubscribing(String filter, String markerTopic) throws Exception {
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), unique("sub"))) {
            subscriber.subscribe(filter);
            subscriber.subscribe(markerTopic);
            publish(markerTopic, "marker", 1, false);
            return subscriber.takeMessage(WAIT);
        }
    }

    @Test
    void aSubscriptionToTheExactTopicReceivesTheRetainedMessageWithTheRetainFlag() throws Exception {
        String topic = unique("config") + "/lamp";
        publish(topic, "{\"brightness\":7}", 1, true);

        TestMqttClient.Message received = firstAfterSubscribing(topic, unique("marker"));
        assertThat(received.topic()).isEqualTo(topic);
        assertThat(received.payloadAsString()).isEqualTo("{\"brightness\":7}");
        assertThat(received.retained()).isTrue();
        assertThat(received.qos()).isEqualTo(1);
    }

    @Test
    void aWildcardSubscriptionReceivesNoRetainedMessage() throws Exception {
        String root = unique("config");
        publish(root + "/lamp", "{\"brightness\":7}", 1, true);

        assertThat(firstAfterSubscribing(root + "/#", unique("marker")).payloadAsString()).isEqualTo("marker");
        assertThat(firstAfterSubscribing(root + "/+", unique("marker")).payloadAsString()).isEqualTo("marker");
    }

    @Test
    void liveSubscribersGetARetainedPublishWithoutTheRetainFlag() throws Exception {
        String topic = unique("config") + "/lamp";
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), unique("sub"))) {
            subscriber.subscribe(topic);
            publish(topic, "{\"brightness\":3}", 1, true);

            TestMqttClient.Message received = subscriber.takeMessage(WAIT);
            assertThat(received.payloadAsString()).isEqualTo("{\"brightness\":3}");
            assertThat(received.retained()).isFalse();
        }
    }

    @Test
    void anEmptyRetainedMessageDeletesItAndReachesSubscribers() throws Exception {
        String topic = unique("config") + "/lamp";
        publish(topic, "{\"brightness\":7}", 1, true);
        try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), unique("sub"))) {
            subscriber.subscribe(topic);
            assertThat(subscriber.takeMessage(WAIT).retained()).isTrue();

            publish(topic, "", 1, true);
            assertThat(subscriber.takeMessage(WAIT).payloadAsString()).isEmpty();
        }

        assertThat(firstAfterSubscribing(topic, unique("marker")).payloadAsString()).isEqualTo("marker");
    }

    @Test
    void aNewRetainedMessageReplacesTheOldOneAndKeepsItsQos() throws Exception {
        String topic = unique("config") + "/lamp";
        publish(topic, "first", 1, true);
        publish(topic, "second", 0, true);

        TestMqttClient.Message received = firstAfterSubscribing(topic, unique("marker"));
        assertThat(received.payloadAsString()).isEqualTo("second");
        assertThat(received.qos()).isZero();
    }

    @Test
    void anHttpPublishWithRetainIsRetained() throws Exception {
        String topic = unique("config") + "/http";
        try (IotDataPlaneClient client = IotDataPlaneClient.builder()
                .endpointOverride(iot.iot().edgeUri())
                .region(Region.of(iot.iot().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(iot.iot().accessKey(), iot.iot().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.publish(p -> p.topic(topic).qos(1).retain(true).payload(SdkBytes.fromUtf8String("from http")));
        }

        TestMqttClient.Message received = firstAfterSubscribing(topic, unique("marker"));
        assertThat(received.payloadAsString()).isEqualTo("from http");
        assertThat(received.retained()).isTrue();
    }
}
