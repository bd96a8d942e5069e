package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provider.apiGateway.binaryMediaTypes, where serverless reads the REST API's binary media types. */
class BinaryMediaTypesConfigTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void areReadFromProviderApiGatewayWithVariablesResolved() {
        ServiceDefinition service = fixture.load(HEADER + """
                  apiGateway:
                    minimumCompressionSize: 1024
                    binaryMediaTypes:
                      - image/png
                      - '*/*'
                      - ${self:custom.extra}
                custom:
                  extra: application/octet-stream
                """);

        assertThat(service.binaryMediaTypes()).containsExactly("image/png", "*/*", "application/octet-stream");
    }

    @Test
    void areNoneWhenNotConfigured() {
        assertThat(fixture.load(HEADER).binaryMediaTypes()).isEmpty();
    }

    @Test
    void anEntryThatIsNotAMediaTypeIsRefusedAtItsLine() {
        ConfigException e = fixture.failure(HEADER + """
                  apiGateway:
                    binaryMediaTypes:
                      - png
                """);

        assertThat(e.location().line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("'png'").contains("type/subtype").contains("image/png");
    }

    @Test
    void aListIsRequired() {
        ConfigException e = fixture.failure(HEADER + """
                  apiGateway:
                    binaryMediaTypes: image/png
                """);

        assertThat(e.getMessage()).contains("binaryMediaTypes").contains("must be a list");
    }
}
