package dev.iotlocal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes YAML to serverless.yml in a folder and loads it; checks the shape of error messages. */
final class ConfigFixture {

    static final String HEADER = """
            service: demo
            provider:
              name: aws
            """;

    private final Path dir;

    ConfigFixture(Path dir) {
        this.dir = dir;
    }

    Path write(String yaml) {
        try {
            return Files.writeString(dir.resolve("serverless.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceDefinition load(String yaml) {
        return load(yaml, LoadOptions.defaults());
    }

    ServiceDefinition load(String yaml, LoadOptions options) {
        return ServerlessConfig.load(write(yaml), options);
    }

    ConfigException failure(String yaml) {
        return failure(yaml, LoadOptions.defaults());
    }

    ConfigException failure(String yaml, LoadOptions options) {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ServerlessConfig.load(file, options));
        assertThat(e).as("loading should fail").isNotNull();
        return e;
    }

    /** The message names the file, line and key path, and carries a fix. */
    static void assertError(ConfigException e, int line, String keyPath, String fix) {
        assertThat(e.location().line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.location().keyPath()).as(e.getMessage()).isEqualTo(keyPath);
        assertThat(e.getMessage())
                .startsWith("serverless.yml:" + line + ":")
                .contains("(" + keyPath + ")")
                .contains(fix);
    }

    /** A file under src/test/resources/config. */
    static Path resource(String name) {
        URL url = ConfigFixture.class.getResource("/config/" + name);
        assertThat(url).as("test resource config/" + name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
