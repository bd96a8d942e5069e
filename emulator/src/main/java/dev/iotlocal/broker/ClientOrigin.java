package dev.iotlocal.broker;

import java.util.Objects;

/**
 * Who is behind a connection, as AWS IoT reports it in lifecycle events.
 *
 * @param ipAddress the client's IP address
 * @param principal the credential it authenticated with (an access key id for SigV4), empty when it gave none
 */
public record ClientOrigin(String ipAddress, String principal) {

    public ClientOrigin {
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(principal, "principal");
    }
}
