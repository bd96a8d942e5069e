package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * URLs presigned by signers iotlocal did not write connect: what passes here should pass on AWS IoT.
 * (The example handlers' own presigner is exercised by {@link SeedFlowIT}.)
 */
class IndependentSignersIT {

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

    @Test
    void aUrlPresignedByTheAwsSdkForJavaConnects() throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://" + iot.iotHost() + "/mqtt")).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(iot.accessKey(), iot.secretKey()))
                .request(request)
                .payload(() -> new ByteArrayInputStream(new byte[0]))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "iotdevicegateway")
                .putProperty(AwsV4HttpSigner.REGION_NAME, iot.region())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        assertConnects(URI.create(signed.request().getUri().toString().replaceFirst("^http", "ws")));
    }

    @Test
    void aUrlPresignedByTheAwsIotDeviceSdkForJavaScriptConnects() throws Exception {
        Path sdk = ExternalTools.npmPackage("npm-signers", "aws-iot-device-sdk@2.2.16");
        String script = "const sdk = require('aws-iot-device-sdk/device');"
                + "process.stdout.write(sdk.prepareWebSocketUrl({host: '127.0.0.1', port: " + iot.edgePort()
                + ", region: '" + iot.region() + "'}, '" + iot.accessKey() + "', '" + iot.secretKey() + "'));";
        Process node = new ProcessBuilder("node", "-e", script).directory(sdk.toFile()).redirectErrorStream(true).start();
        String url = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(url).startsWith("wss://127.0.0.1:" + iot.edgePort() + "/mqtt?");

        // The signature covers host, path and query, not the scheme: locally the edge speaks plain ws.
        assertConnects(URI.create(url.replaceFirst("^wss", "ws")));
    }

    private static void assertConnects(URI url) throws Exception {
        try (TestMqttClient client = TestMqttClient.connect(url.toString(), "signer-" + UUID.randomUUID())) {
            assertThat(client.isConnected()).isTrue();
        }
    }
}
