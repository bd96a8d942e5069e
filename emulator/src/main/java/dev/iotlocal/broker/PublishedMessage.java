package dev.iotlocal.broker;

import java.time.Instant;

/**
 * A message a client published, as the broker received it. The payload is a copy: it outlives the broker's buffers.
 *
 * @param clientId  the publishing client; empty for messages published by the emulator itself
 * @param principal who signed the connection or HTTP request it came with (the access key id); empty when unsigned
 */
public record PublishedMessage(String topic, byte[] payload, int qos, boolean retain, String clientId, String principal,
        Instant receivedAt) {
}
