package dev.iotlocal.broker;

import java.util.HashMap;
import java.util.Map;

/**
 * Packet ids of QoS 1 messages sent to one client. The gateway sends the client both Moquette's deliveries and its
 * own (retained messages), so it numbers them itself and remembers which Moquette id each stands for.
 * Used on the client's event loop only.
 */
final class PacketIds {

    /** Marks a message the gateway sent itself: its PUBACK goes nowhere. */
    static final int OWN = 0;

    private final Map<Integer, Integer> inFlight = new HashMap<>();
    /** Moquette's ids still unacknowledged, and the id the client knows each by. */
    private final Map<Integer, Integer> byUpstream = new HashMap<>();
    private int next = 1;

    /**
     * The id for a message standing for Moquette's {@code upstreamId} (or {@link #OWN}); -1 when none is free. A
     * message Moquette sends again before the client acknowledged it keeps the id it was first sent with, as MQTT
     * requires of a redelivery: the client can tell it is the same message, and its one PUBACK settles both.
     */
    int allocate(int upstreamId) {
        if (upstreamId != OWN) {
            Integer known = byUpstream.get(upstreamId);
            if (known != null) {
                return known;
            }
        }
        for (int tried = 0; tried < 65535; tried++) {
            int id = next;
            next = next == 65535 ? 1 : next + 1;
            if (!inFlight.containsKey(id)) {
                inFlight.put(id, upstreamId);
                if (upstreamId != OWN) {
                    byUpstream.put(upstreamId, id);
                }
                return id;
            }
        }
        return -1;
    }

    /** Forgets an acknowledged id; returns the Moquette id it stood for, {@link #OWN}, or null if unknown. */
    Integer release(int id) {
        Integer upstreamId = inFlight.remove(id);
        if (upstreamId != null && upstreamId != OWN) {
            byUpstream.remove(upstreamId);
        }
        return upstreamId;
    }
}
