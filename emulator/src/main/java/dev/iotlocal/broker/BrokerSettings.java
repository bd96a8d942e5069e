package dev.iotlocal.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the MQTT broker listens, and what AWS lets an account configure.
 *
 * @param host                    the address to bind, loopback unless told otherwise
 * @param port                    the MQTT over TCP port; 0 picks a free one
 * @param persistentSessionExpiry how long a persistent session (cleanSession=0) outlives its connection; AWS IoT's
 *                                default is 1 hour, raised on request
 */
public record BrokerSettings(String host, int port, Duration persistentSessionExpiry) {

    public static final int DEFAULT_PORT = 1883;
    public static final Duration DEFAULT_PERSISTENT_SESSION_EXPIRY = Duration.ofHours(1);

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(persistentSessionExpiry, "persistentSessionExpiry");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT port must be between 0 and 65535, was " + port);
        }
        if (persistentSessionExpiry.isNegative() || persistentSessionExpiry.isZero()) {
            throw new IllegalArgumentException("The persistent session expiry must be positive, was "
                    + persistentSessionExpiry + " (AWS IoT's default is 1 hour).");
        }
    }

    /** With AWS IoT's default persistent session expiry, 1 hour. */
    public BrokerSettings(String host, int port) {
        this(host, port, DEFAULT_PERSISTENT_SESSION_EXPIRY);
    }
}
