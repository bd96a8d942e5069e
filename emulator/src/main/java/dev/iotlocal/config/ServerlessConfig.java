package dev.iotlocal.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads serverless.yml, the file a team already deploys with, into an immutable {@link ServiceDefinition}.
 *
 * <pre>{@code
 * ServiceDefinition service = ServerlessConfig.load(Path.of("serverless.yml"),
 *         LoadOptions.defaults().withStage("dev").withEnvironment(System.getenv()));
 * }</pre>
 *
 * Errors are {@link ConfigException}s whose message starts with {@code serverless.yml:line:column (key.path)} and
 * says what to change. Keys iotlocal does not know give warnings ({@link ServiceDefinition#warnings()}).
 */
public final class ServerlessConfig {

    private ServerlessConfig() {
    }

    public static ServiceDefinition load(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path absolute = file.toAbsolutePath().normalize();
        return ServiceReader.read(absolute, YamlReader.read(absolute), options);
    }
}
