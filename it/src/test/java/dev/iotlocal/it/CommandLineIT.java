package dev.iotlocal.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar users run, `java -jar emulator/target/iotlocal.jar`, with the example service, as a process. */
class CommandLineIT {

    @Test
    void servesTheExampleUntilStoppedThenExitsCleanly() throws Exception {
        Path errors = Files.createTempFile("iotlocal-cli", ".log");
        Process process = ExampleJar.command("--log-format", "json").redirectError(errors.toFile()).start();
        try {
            BufferedReader banner = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line; (line = banner.readLine()) != null && !line.startsWith("Ready in"); ) {
                lines.add(line);
            }
            String text = String.join("\n", lines);
            Matcher endpoint = Pattern.compile("GET - (http://127\\.0\\.0\\.1:(\\d+)/dev)").matcher(text);
            assertThat(endpoint.find()).as("the banner\n%s\nand the log\n%s", text, Files.readString(errors)).isTrue();
            assertThat(text).contains("export AWS_ENDPOINT_URL=http://127.0.0.1:", "AWS_ACCESS_KEY_ID=test");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(endpoint.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
            assertThat(session.body()).contains("endpointUrl", "channelId");

            // The function's log, as the dashboard shows it: nothing of the emulator's own logging leaks into it.
            JsonNode state = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoint.group(2) + "/_iotlocal/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(state.path("invocations").get(0).path("logLines").toString())
                    .contains("START RequestId:").doesNotContain("ConsoleLogging");
        } finally {
            process.destroy(); // SIGTERM
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        String log = Files.readString(errors);
        Files.delete(errors);
        assertThat(log.lines().filter(line -> line.startsWith("{"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":\"").contains("\"level\":", "\"message\":"));
        assertThat(log).contains("iotlocal: stopped").doesNotContain("Javalin: It looks like");
    }
}
