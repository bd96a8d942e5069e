package dev.iotlocal.bench;

import java.nio.charset.StandardCharsets;

/** A message a client received, stamped with {@link System#nanoTime()} as it arrived. */
record Arrival(String topic, byte[] payload, long nanos) {

    boolean contains(String text) {
        return new String(payload, StandardCharsets.UTF_8).contains(text);
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
