package dev.iotlocal.it.reliability;

import dev.iotlocal.it.ExampleJar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.EmulatorSecrets;
import dev.iotlocal.IotLocal;
import dev.iotlocal.junit.TestMqttClient;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.sigv4.Credential;
import dev.iotlocal.sigv4.IotWebSocketPresigner;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never reach a log: the seed flow, a refused signature, requests signed in the Authorization header and
 * requests carrying a session token, with distinctive secrets, while everything the emulator writes is captured (its
 * SLF4J output, the command line's standard output and error in JSON, function logs, the API Gateway access log,
 * the dashboard's state). Access key ids may appear, as in AWS's own logs; secret keys and session tokens may not.
 */
class LogSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String ACCESS_KEY = "AKIASCANFORSECRETS01";
    private static final String SECRET = "ScanSecret/c1ient+K3y0fTheTestZZqqXXwwVV";
    private static final String WRONG_SECRET = "WrongSecret/n0tTheK3y+ButAlsoPrivateYYuu";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEScanTokenDistinctive0123456789abcdefSESSIONTOKEN";

    @Test
    void theSeedFlowRefusedSignaturesAndSignedRequestsLeaveNoSecretInTheEmulatorsOutput() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        List<String> scanned = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(SECRET, WRONG_SECRET, SESSION_TOKEN));
        try (IotLocal iot = IotLocal.builder().config(Path.of(System.getProperty("iotlocal.example.config")))
                .credentials(ACCESS_KEY, SECRET).edgePort(0).mqttPort(0).build().start()) {
            secrets.addAll(EmulatorSecrets.of(iot));
            String roleToken = seedFlow(iot.apiUrl("/"));
            assertThat(secrets).as("the session function signs with the role's session token").contains(roleToken);

            refusedAndSignedRequests(iot.edgeUri(), iot.region(), iot.webSocketUri());

            scanned.add(HTTP.send(HttpRequest.newBuilder(iot.edgeUri().resolve("/_iotlocal/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (Invocation invocation : iot.lambda().invocations()) {
                scanned.addAll(invocation.logLines());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        scanned.add(output);
        assertThat(output).as("the access log and the function logs were captured")
                .contains("GET /dev/", "answered with PONG", ACCESS_KEY);
        assertNoSecret(scanned, secrets);
    }

    @Test
    void theCommandLinesJsonLogAndDashboardHoldNoSecret() throws Exception {
        Path errors = Files.createTempFile("iotlocal-secrets", ".log");
        Path output = Files.createTempFile("iotlocal-secrets", ".out");
        // Both streams to files: destroying a process closes its pipes, and all it wrote must be scanned.
        Process process = ExampleJar.command("--log-format", "json")
                .redirectError(errors.toFile()).redirectOutput(output.toFile()).start();
        List<String> scanned = new ArrayList<>();
        String roleToken;
        try {
            await().atMost(ARRIVAL).until(() -> Files.readString(output).contains("Ready in") || !process.isAlive());
            String banner = Files.readString(output);
            Matcher endpoint = Pattern.compile("GET - http://127\\.0\\.0\\.1:(\\d+)/dev").matcher(banner);
            assertThat(endpoint.find()).as("%s%s", banner, Files.readString(errors)).isTrue();
            URI edge = URI.create("http://127.0.0.1:" + endpoint.group(1));

            roleToken = seedFlow(edge.resolve("/dev/"));
            refusedAndSignedRequests(edge, "us-east-1", URI.create("ws://127.0.0.1:" + endpoint.group(1) + "/mqtt"));
            scanned.add(HTTP.send(HttpRequest.newBuilder(edge.resolve("/_iotlocal/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        scanned.add(Files.readString(output));
        String log = Files.readString(errors);
        Files.delete(errors);
        Files.delete(output);
        scanned.add(log);
        assertThat(log).as("the access log and the function logs were captured").contains("GET /dev/", "answered with PONG");
        assertNoSecret(scanned, List.of(WRONG_SECRET, SESSION_TOKEN, roleToken));
    }

    /**
     * The seed's browser: a session, the presigned WebSocket, the function started, a request answered by PONG.
     * Returns the session token the session function signed the URL with (the functions' role's).
     */
    private static String seedFlow(URI sessionUrl) throws Exception {
        JsonNode session = JSON.readTree(HTTP.send(HttpRequest.newBuilder(sessionUrl).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String url = session.path("endpointUrl").asText();
        String channel = session.path("channelId").asText();
        Matcher token = Pattern.compile("X-Amz-Security-Token=([^&]+)").matcher(url);
        assertThat(token.find()).as(url).isTrue();
        try (TestMqttClient browser = TestMqttClient.connect(url, "browser-" + channel)) {
            browser.subscribe("foobar/" + channel + "/response");
            browser.publish("foobar/session", "{\"channelId\":\"" + channel + "\"}");
            assertThat(browser.takeMessage(ARRIVAL).payloadAsString()).contains("ready");
            browser.publish("foobar/" + channel + "/request", "{\"n\":1}");
            assertThat(browser.takeMessage(ARRIVAL).payloadAsString()).contains("PONG");
        }
        return URLDecoder.decode(token.group(1), StandardCharsets.UTF_8);
    }

    /**
     * A presigned URL and a data plane call signed with the wrong secret (both refused), requests carrying a session
     * token the key does not have (refused), and Authorization-header requests that pass when the secret is known.
     */
    private static void refusedAndSignedRequests(URI edge, String region, URI webSocket) throws Exception {
        for (String key : List.of(ACCESS_KEY, "test")) {
            URI wrong = new IotWebSocketPresigner(region, Clock.systemUTC())
                    .presign("ws", webSocket.getAuthority(), Credential.of(key, WRONG_SECRET, SESSION_TOKEN));
            assertThatThrownBy(() -> HTTP.newWebSocketBuilder().subprotocols("mqtt")
                    .buildAsync(wrong, new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class);
            for (AwsCredentials credentials : List.of(AwsBasicCredentials.create(key, WRONG_SECRET),
                    AwsSessionCredentials.create(key, WRONG_SECRET, SESSION_TOKEN))) {
                try (IotDataPlaneClient dataPlane = dataPlane(edge, region, credentials)) {
                    assertThatThrownBy(() -> dataPlane.publish(r -> r.topic("secrets/refused").qos(1)
                            .payload(SdkBytes.fromUtf8String("{}")))).hasMessageContaining("403");
                }
            }
        }
        for (String[] known : new String[][] {{ACCESS_KEY, SECRET}, {"test", "test"}}) {
            try (IotDataPlaneClient dataPlane = dataPlane(edge, region, AwsBasicCredentials.create(known[0], known[1]));
                 LambdaClient lambda = LambdaClient.builder().endpointOverride(edge).region(Region.of(region))
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(known[0], known[1])))
                         .httpClient(UrlConnectionHttpClient.create())
                         .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
                try {
                    dataPlane.publish(r -> r.topic("secrets/accepted").qos(1).payload(SdkBytes.fromUtf8String("{}")));
                    lambda.invoke(r -> r.functionName("hello").payload(SdkBytes.fromUtf8String("{\"channelId\":\"x\"}")));
                } catch (RuntimeException refused) {
                    // the pair this emulator does not know (the command line's is test/test): refused, also fine
                }
            }
        }
    }

    private static IotDataPlaneClient dataPlane(URI edge, String region, AwsCredentials credentials) {
        return IotDataPlaneClient.builder().endpointOverride(edge).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static void assertNoSecret(List<String> scanned, List<String> secrets) {
        for (String secret : secrets) {
            for (String text : scanned) {
                for (String form : List.of(secret, java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
                    int at = text.indexOf(form);
                    assertThat(at).as("a secret (%s...) in the output, here: %s", secret.substring(0, 6),
                            at < 0 ? "" : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100)))
                            .isNegative();
                }
            }
        }
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
