package dev.iotlocal.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale scenario runs the example service with a longer mqtt timeout: it must keep finding what it changes. */
class ScaleServiceTest {

    private static final Path EXAMPLE = Path.of("../handlers/serverless.yml");

    @Test
    void theExampleServiceGetsALongerMqttTimeoutAndAnAbsoluteArtifact() throws Exception {
        String derived = ScaleScenario.longLived(Files.readString(EXAMPLE), EXAMPLE.getParent());

        assertThat(derived).contains("handler: foobar.MqttHandler\n    timeout: 300\n");
        assertThat(derived).contains("handler: foobar.SessionHandler\n    timeout: 6\n");
        assertThat(derived).contains("  artifact: " + EXAMPLE.getParent().resolve("target/foobar-handlers.jar")
                .toAbsolutePath().normalize());
    }
}
