package dev.iotlocal.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a value was written in serverless.yml: the file, a 1-based line and column, and the key path
 * ({@code functions.mqtt.events[0].iot.sql}). Line and column are 0 when the problem concerns the whole file.
 */
public record SourceLocation(Path file, int line, int column, String keyPath) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be 0 (unknown) or positive, got " + line + ":" + column);
        }
    }

    /** A location for the file as a whole, when no line applies (unreadable or empty file). */
    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0, "");
    }

    SourceLocation withKeyPath(String newKeyPath) {
        return new SourceLocation(file, line, column, newKeyPath);
    }

    /** {@code serverless.yml:12:5 (functions.mqtt.events[0].iot.sql)}, using only the file name. */
    @Override
    public String toString() {
        Path name = file.getFileName();
        StringBuilder text = new StringBuilder(name == null ? file.toString() : name.toString());
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        if (!keyPath.isEmpty()) {
            text.append(" (").append(keyPath).append(')');
        }
        return text.toString();
    }
}
