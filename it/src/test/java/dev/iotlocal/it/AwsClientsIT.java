package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS IoT's HTTP APIs through the real AWS SDK for Java v2 (and the AWS CLI where the machine has it), pointed at
 * the emulator by an endpoint override.
 */
class AwsClientsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotLocal iot;

    @BeforeAll
    static void start() throws Exception {
        iot = IotLocal.builder().config(Path.of(AwsClientsIT.class.getResource("/broker/serverless.yml").toURI()))
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

    private static IotClient control(String secretKey) {
        return IotClient.builder()
                .endpointOverride(iot.edgeUri())
                .region(Region.of(iot.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(iot.accessKey(), secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String tcp() {
        return "tcp://127.0.0.1:" + iot.mqttPort();
    }

    @Nested
    class Publish {

        @Test
        void reachesMqttSubscribersAndRules() throws Exception {
            String topic = "telemetry/" + UUID.randomUUID();
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), "sdk-subscriber");
                 IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                subscriber.subscribe(topic);

                client.publish(p -> p.topic(topic).qos(1).payload(SdkBytes.fromUtf8String("{\"hello\":\"sdk\"}")));

                TestMqttClient.Message received = subscriber.takeMessage(WAIT);
                assertThat(received.topic()).isEqualTo(topic);
                assertThat(received.payloadAsString()).isEqualTo("{\"hello\":\"sdk\"}");
                assertThat(received.qos()).isEqualTo(1);
                Invocation invocation = iot.takeInvocation("telemetry", WAIT).orElseThrow();
                JsonNode event = JSON.readTree(invocation.event());
                assertThat(event.get("hello").asText()).isEqualTo("sdk");
                assertThat(event.get("topic").asText()).isEqualTo(topic);
            }
        }

        @Test
        void answersOkWithATraceId() throws Exception {
            HttpResponse<String> response = signedPost("/topics/sdkraw?qos=1", "{}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("message").asText()).isEqualTo("OK");
            assertThat(body.get("traceId").asText()).isNotBlank();
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

        @Test
        void takes128KbAndRefusesOneByteMoreWith413() {
            try (IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                client.publish(p -> p.topic("sdk/large").payload(SdkBytes.fromByteArray(new byte[131_072])));

                assertThatThrownBy(() -> client.publish(p -> p.topic("sdk/large")
                        .payload(SdkBytes.fromByteArray(new byte[131_073]))))
                        .isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(413);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("131073 bytes", "'Message size'");
                        });
            }
        }

        @Test
        void refusesQos2AndTopicsOverTheLimitsWith400() {
            try (IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                for (Runnable publish : new Runnable[] {
                        () -> client.publish(p -> p.topic("sdk/qos").qos(2).payload(SdkBytes.fromUtf8String("{}"))),
                        () -> client.publish(p -> p.topic("1/2/3/4/5/6/7/8/9").payload(SdkBytes.fromUtf8String("{}"))),
                        () -> client.publish(p -> p.topic("t/" + "a".repeat(255)).payload(SdkBytes.fromUtf8String("{}")))}) {
                    assertThatThrownBy(publish::run).isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
                    });
                }
            }
        }

        @Test
        void refusesASubscribeOnlyReservedTopicWith403() {
            try (IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                assertThatThrownBy(() -> client.publish(p -> p.topic("$aws/events/presence/connected/forged")
                        .payload(SdkBytes.fromUtf8String("{}"))))
                        .isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).contains("reserved topic");
                        });
            }
        }

        @Test
        void answersOtherMethodsWith405() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(iot.edgeUri().resolve("/topics/telemetry")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MethodNotAllowedException:");
        }
    }

    @Nested
    class DescribeEndpoint {

        @Test
        void answersWithTheEmulatorsAddress() {
            try (IotClient client = control(iot.secretKey())) {
                assertThat(client.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress())
                        .isEqualTo(iot.iotHost());
            }
        }

        @Test
        void refusesAnUnknownEndpointTypeWith400() {
            try (IotClient client = control(iot.secretKey())) {
                assertThatThrownBy(() -> client.describeEndpoint(r -> r.endpointType("iot:Nowhere")))
                        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
                        });
            }
        }

        @Test
        void isRefusedWithAWrongSecret() {
            try (IotClient client = control("wrong")) {
                assertThatThrownBy(() -> client.describeEndpoint(r -> r.endpointType("iot:Data-ATS")))
                        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }

    /** The AWS CLI, with the emulator's credentials only: no profile or file of the user's is read. */
    @Nested
    class AwsCli {

        private ExternalTools.Result aws(String... arguments) throws Exception {
            ExternalTools.requireCommand("aws", "--version");
            Path home = Path.of("target", "aws-cli-home").toAbsolutePath();
            java.nio.file.Files.createDirectories(home);
            String[] command = new String[arguments.length + 5];
            command[0] = "aws";
            System.arraycopy(arguments, 0, command, 1, arguments.length);
            command[arguments.length + 1] = "--endpoint-url";
            command[arguments.length + 2] = iot.edgeUri().toString();
            command[arguments.length + 3] = "--region";
            command[arguments.length + 4] = iot.region();
            return ExternalTools.run(home, Map.of(
                    "AWS_ACCESS_KEY_ID", iot.accessKey(), "AWS_SECRET_ACCESS_KEY", iot.secretKey(),
                    "AWS_CONFIG_FILE", home.resolve("config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                    "HOME", home.toString()), 120, command);
        }

        @Test
        void publishesToMqttSubscribers() throws Exception {
            String topic = "cli/" + UUID.randomUUID();
            boolean version2 = aws("--version").output().startsWith("aws-cli/2");
            try (TestMqttClient subscriber = TestMqttClient.connect(tcp(), "cli-subscriber")) {
                subscriber.subscribe(topic);

                ExternalTools.Result result = version2
                        ? aws("iot-data", "publish", "--topic", topic, "--qos", "1", "--cli-binary-format",
                        "raw-in-base64-out", "--payload", "{\"from\":\"cli\"}")
                        : aws("iot-data", "publish", "--topic", topic, "--qos", "1", "--payload", "{\"from\":\"cli\"}");

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(subscriber.takeMessage(WAIT).payloadAsString()).isEqualTo("{\"from\":\"cli\"}");
            }
        }

        @Test
        void describesTheEndpoint() throws Exception {
            ExternalTools.Result result = aws("iot", "describe-endpoint", "--endpoint-type", "iot:Data-ATS",
                    "--output", "json");

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(JSON.readTree(result.output()).get("endpointAddress").asText()).isEqualTo(iot.iotHost());
        }
    }

    /** A POST signed by the AWS SDK's own signer, for what the SDK client hides (the response body). */
    private static HttpResponse<String> signedPost(String pathAndQuery, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create(iot.edgeUri() + pathAndQuery)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(iot.accessKey(), iot.secretKey()))
                .request(request)
                .payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "iotdata")
                .putProperty(AwsV4HttpSigner.REGION_NAME, iot.region()));
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.request().getUri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** principal() in a rule: who signed the message's connection or request (iot-sql-functions.md). */
    @Nested
    class PrincipalOfAMessage {

        private JsonNode whoami() throws Exception {
            return JSON.readTree(iot.takeInvocation("whoami", WAIT).orElseThrow().event());
        }

        @Test
        void isTheAccessKeyThatSignedAnHttpPublish() throws Exception {
            try (IotDataPlaneClient client = dataPlane(iot.secretKey())) {
                client.publish(p -> p.topic("whoami/http").payload(SdkBytes.fromUtf8String("{}")));
            }

            JsonNode event = whoami();
            assertThat(event.get("principal").asText()).isEqualTo(iot.accessKey());
            assertThat(event.get("client").asText()).isEqualTo("n/a");
        }

        @Test
        void isTheAccessKeyThatSignedTheWebSocketUrl() throws Exception {
            try (TestMqttClient browser = TestMqttClient.connect(iot.presignedWebSocketUri().toString(), "whoami-browser")) {
                browser.publish("whoami/ws", "{}");

                JsonNode event = whoami();
                assertThat(event.get("principal").asText()).isEqualTo(iot.accessKey());
                assertThat(event.get("client").asText()).isEqualTo("whoami-browser");
            }
        }

        @Test
        void isUndefinedForAnUnsignedTcpClient() throws Exception {
            try (TestMqttClient device = TestMqttClient.connect(tcp(), "whoami-device")) {
                device.publish("whoami/tcp", "{}");

                JsonNode event = whoami();
                assertThat(event.has("principal")).as("no certificate, no signer: Undefined, left out").isFalse();
                assertThat(event.get("client").asText()).isEqualTo("whoami-device");
            }
        }
    }
}
