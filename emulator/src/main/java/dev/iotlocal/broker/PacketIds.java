package dev.iotlocal.broker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Packet ids of QoS 1 messages sent to one client. The gateway sends the client both Moquette's deliveries and its
 * own (retained messages), so it numbers them itself and remembers which Moquette id each stands for.
 * Used on the client's event loop only.
 */
final class PacketIds {

    /** Marks a message the gateway sent itself: its PUBACK goes nowhere. */
    static final int OWN = 0;
    /** {@link #allocate}: all 65535 ids are waiting for their PUBACK. */
    static final int NONE_FREE = -1;
    /** {@link #allocate}: a redelivery of a message the client has acknowledged meanwhile; not to be sent again. */
    static final int ALREADY_ACKNOWLEDGED = -2;

    private final Map<Integer, Integer> inFlight = new HashMap<>();
    /** Moquette's ids still unacknowledged, and the id the client knows each by. */
    private final Map<Integer, Integer> byUpstream = new HashMap<>();
    /** Moquette's ids the client acknowledged, until Moquette uses the id for a new message. */
    private final Set<Integer> acknowledged = new HashSet<>();
    private int next = 1;

    /**
     * The id for a message standing for Moquette's {@code upstreamId} (or {@link #OWN}), {@link #NONE_FREE} or
     * {@link #ALREADY_ACKNOWLEDGED}. A message Moquette sends again ({@code redelivery}, its DUP flag) before the client
     * acknowledged it keeps the id it was first sent with, as MQTT requires: the client can tell it is the same
     * message, and its one PUBACK settles both. One that crossed the client's PUBACK is not sent again.
     */
    int allocate(int upstreamId, boolean redelivery) {
        if (upstreamId != OWN) {
            Integer known = byUpstream.get(upstreamId);
            if (redelivery) {
                if (known != null) {
                    return known;
                }
                if (acknowledged.contains(upstreamId)) {
                    return ALREADY_ACKNOWLEDGED;
                }
            } else {
                acknowledged.remove(upstreamId);
                if (known != null) {
                    // Moquette gave the id to a new message: the old one's PUBACK must not settle it.
                    inFlight.put(known, OWN);
                }
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
        return NONE_FREE;
    }

    /** Forgets an acknowledged id; returns the Moquette id it stood for, {@link #OWN}, or null if unknown. */
    Integer release(int id) {
        Integer upstreamId = inFlight.remove(id);
        if (upstreamId != null && upstreamId != OWN && byUpstream.remove(upstreamId, id)) {
            acknowledged.add(upstreamId);
        }
        return upstreamId;
    }
}
