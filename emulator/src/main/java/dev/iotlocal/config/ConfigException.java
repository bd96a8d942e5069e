package dev.iotlocal.config;

import java.util.Objects;

/**
 * serverless.yml cannot be used as it is. The message starts with the {@link SourceLocation}
 * ({@code serverless.yml:12:5 (functions.mqtt.timeout): ...}) and says what to change.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message keeps the location's text anyway.
    private final transient SourceLocation location;
    private final String problem;

    public ConfigException(SourceLocation location, String problem) {
        this(location, problem, null);
    }

    public ConfigException(SourceLocation location, String problem, Throwable cause) {
        super(Objects.requireNonNull(location, "location") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.location = location;
        this.problem = problem;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
