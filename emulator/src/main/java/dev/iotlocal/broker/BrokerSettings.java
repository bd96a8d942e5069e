package dev.iotlocal.broker;

import java.util.Objects;

/**
 * Where the MQTT broker listens.
 *
 * @param host the address to bind, loopback unless told otherwise
 * @param port the MQTT over TCP port; 0 picks a free one
 */
public record BrokerSettings(String host, int port) {

    public static final int DEFAULT_PORT = 1883;

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT port must be between 0 and 65535, was " + port);
        }
    }
}
