package dev.iotlocal.it;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS IoT's HTTP APIs through the real AWS SDK for Java v2, pointed at the emulator by an endpoint override. */
class AwsClientsIT {

    private static IotLocal iot;

    @BeforeAll
    static void start() {
        iot = IotLocal.builder().config(Path.of(System.getProperty("iotlocal.example.config")))
                .edgePort(0).mqttPort(0).build().start();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    private static IotDataPlaneClient dataPlane(String secretKey) {
        return IotDataPlaneClient.builder()
                .endpointOverride(iot.edgeUri())
                .region(Region.of(iot.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(iot.accessKey(), secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Nested
    class Publish {

        @Test
        void reachesMqttSubscribersWithTheRightCredentials() throws Exception {
            String topic = "sdk/" + UUID.randomUUID() + "/greeting";
            try (MqttTestClient subscriber = new MqttTestClient("tcp://127.0.0.1:" + iot.mqttPort(), "sdk-subscriber");
                 IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                subscriber.subscribe(topic);

                client.publish(p -> p.topic(topic).qos(1).payload(SdkBytes.fromUtf8String("{\"hello\":\"sdk\"}")));

                MqttTestClient.Received received = subscriber.take(Duration.ofSeconds(10));
                assertThat(received.topic()).isEqualTo(topic);
                assertThat(received.payload()).isEqualTo("{\"hello\":\"sdk\"}");
            }
        }

        @Test
        void isRefusedWithForbiddenExceptionWithAWrongSecret() {
            try (IotDataPlaneClient client = dataPlane("not-the-secret")) {
                assertThatThrownBy(() -> client.publish(p -> p.topic("sdk/refused").payload(SdkBytes.fromUtf8String("{}"))))
                        .isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("signature");
                        });
            }
        }
    }

    @Test
    void describeEndpointAnswersWithTheEmulatorsAddress() {
        try (IotClient client = IotClient.builder()
                .endpointOverride(iot.edgeUri())
                .region(Region.of(iot.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(iot.accessKey(), iot.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(client.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress()).isEqualTo(iot.iotHost());
        }
    }

    @Test
    void describeEndpointIsRefusedWithAWrongSecret() {
        try (IotClient client = IotClient.builder()
                .endpointOverride(iot.edgeUri())
                .region(Region.of(iot.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(iot.accessKey(), "wrong")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThatThrownBy(() -> client.describeEndpoint(r -> r.endpointType("iot:Data-ATS")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
