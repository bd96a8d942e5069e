package dev.iotlocal;

import dev.iotlocal.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What serverless.yml asks of a function that the emulator cannot run is refused when the configuration is built,
 * with the file and line, as a rule whose SQL does not parse is: not later, when start() binds the ports.
 */
class FunctionLimitsAtBuildTest {

    @TempDir
    Path dir;

    private ConfigException refusal(String function) throws Exception {
        Path file = Files.writeString(dir.resolve("serverless.yml"), """
                service: limits
                provider:
                  name: aws
                functions:
                  slow:
                """ + function);
        return catchThrowableOfType(ConfigException.class, () -> IotLocal.builder().config(file).build());
    }

    @Test
    void aTimeoutAboveTheEmulatorsMaximumNamesTheFunctionsLine() throws Exception {
        ConfigException e = refusal("    handler: dev.iotlocal.EchoHandler\n    timeout: 600\n");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("serverless.yml:5:").contains("functions.slow", "600 s", "300 s");
    }

    @Test
    void moreReservedConcurrencyThanTheLimitLeavesNamesTheFunctionThatTipsIt() throws Exception {
        ConfigException e = refusal("    handler: dev.iotlocal.EchoHandler\n    reservedConcurrency: 901\n");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("serverless.yml:5:").contains("functions.slow", "901", "1000", "100");
    }

    @Test
    void aDeploymentArtifactThatDoesNotExistNamesItsLine() throws Exception {
        ConfigException e = refusal("    handler: dev.iotlocal.EchoHandler\n    package:\n      artifact: target/missing.jar\n");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("serverless.yml:").contains("missing.jar", "does not exist", "Build it first");
    }
}
