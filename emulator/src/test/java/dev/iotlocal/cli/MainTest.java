package dev.iotlocal.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private static final String ECHO = "src/test/resources/iotlocal/echo.yml";

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Nested
    class RefusesToStart {

        @Test
        void withABadCommandLine() {
            Result result = run("--port", "many");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("--port", "many");
        }

        @Test
        void withoutAServerlessYmlAndSaysWhatToPass() {
            Result result = run("--config", "no/such/serverless.yml");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("no/such/serverless.yml", "--config");
        }

        @Test
        void withARuleThatDoesNotParseAndNamesTheLine() {
            Result result = run("--config", "src/test/resources/iotlocal/bad-sql.yml", "--port", "0", "--mqtt-port", "0");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("bad-sql.yml:10", "single quotes").doesNotContain("\tat ");
        }

        @Test
        void onABusyPortAndSaysWhatToDo() throws Exception {
            try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                Result result = run("--config", ECHO, "--port", "0", "--mqtt-port", Integer.toString(busy.getLocalPort()));

                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.err()).contains(Integer.toString(busy.getLocalPort()), "choose another");
            }
        }
    }

    @Test
    void documentsItsOptionsAndExitCodes() {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--config", "--stage", "--region", "--host", "--port", "--mqtt-port",
                "--log-format", "Exit codes");
    }

    @Test
    void servesUntilStoppedThenExitsCleanly() throws Exception {
        Path errors = java.nio.file.Files.createTempFile("iotlocal-cli", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", ECHO, "--port", "0", "--mqtt-port", "0", "--log-format", "json")
                .redirectError(errors.toFile()).start();
        try {
            BufferedReader banner = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line; (line = banner.readLine()) != null && !line.startsWith("Ready in"); ) {
                lines.add(line);
            }
            String text = String.join("\n", lines);
            Matcher endpoint = Pattern.compile("GET - (http://127\\.0\\.0\\.1:\\d+/dev/items/\\{id})").matcher(text);
            assertThat(endpoint.find()).as("the banner\n%s\nand the log\n%s", text, java.nio.file.Files.readString(errors)).isTrue();
            assertThat(text).contains("export AWS_ENDPOINT_URL=http://127.0.0.1:", "AWS_ACCESS_KEY_ID=test");

            URI item = URI.create(endpoint.group(1).replace("{id}", "3"));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(item).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("item 3");
        } finally {
            process.destroy(); // SIGTERM
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        String log = java.nio.file.Files.readString(errors);
        java.nio.file.Files.delete(errors);
        assertThat(log.lines().filter(line -> line.startsWith("{"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":\"").contains("\"level\":", "\"message\":"));
        assertThat(log).contains("iotlocal: stopped");
    }
}
