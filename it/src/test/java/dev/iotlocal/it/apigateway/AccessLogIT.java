package dev.iotlocal.it.apigateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each request to the API is logged in one line: method, path, status, function and duration. */
class AccessLogIT {

    @Test
    void eachRequestIsOneLineWithMethodPathStatusFunctionAndDuration() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to whatever System.err is at the time; keep writing to the original too.
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try (Gateway gateway = Gateway.start()) {
            gateway.get("/users/42");
            gateway.get("/nowhere");
            gateway.get("/fail");
        } finally {
            System.setErr(original);
        }
        List<String> lines = Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\\R"))
                .filter(line -> line.contains(" apigateway - ")).toList();

        assertThat(lines).anyMatch(line -> line.matches(".* apigateway - GET /dev/users/42 200 gateway-dev-event \\d+\\.\\d ms"));
        assertThat(lines).anyMatch(line -> line.matches(".* apigateway - GET /dev/nowhere 403 - \\d+\\.\\d ms"));
        assertThat(lines).anyMatch(line -> line.matches(".* apigateway - GET /dev/fail 502 gateway-dev-fail \\d+\\.\\d ms"));
        assertThat(lines.stream().filter(line -> line.contains("GET /dev/users/42"))).hasSize(1);
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final PrintStream first;
        private final ByteArrayOutputStream second;

        Tee(PrintStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
