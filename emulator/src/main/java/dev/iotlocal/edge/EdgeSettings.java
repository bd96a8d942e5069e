package dev.iotlocal.edge;

import java.util.Objects;

/**
 * Where the edge server listens: one HTTP port for the API Gateway stage, MQTT over WebSocket and the AWS APIs.
 *
 * @param host the address to bind, loopback unless told otherwise
 * @param port 0 picks a free port (tests); 4566 by default
 */
public record EdgeSettings(String host, int port) {

    public static final int DEFAULT_PORT = 4566;

    public EdgeSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Edge port must be between 0 and 65535, was " + port);
        }
    }
}
