package dev.iotlocal.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

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

}
