package dev.iotlocal.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Which client ids are connected, the persistent sessions of those that left, and their lifecycle version numbers.
 *
 * <p>Everything that opens a connection to Moquette for a client id (a client, or the purge of an expired session)
 * takes a turn: it waits until the previous holder's connection is closed, so Moquette never sees two connections
 * of one client id race each other.
 */
final class SessionRegistry {

    /** How AWS IoT resets lifecycle version numbers of clean sessions (life-cycle-events.md). */
    private static final Duration VERSION_RESET = Duration.ofHours(1);

    /**
     * What a connection gets when admitted.
     *
     * @param previous    the connection it replaces (to close), or null
     * @param purgeFirst  whether a persistent session expired: Moquette must forget it before this one connects
     * @param predecessor completes when the previous holder of the client id has closed its Moquette connection
     */
    record Admission(ClientSession previous, Subscriptions subscriptions, String sessionIdentifier, boolean purgeFirst,
                     long version, CompletableFuture<Void> predecessor) {
    }

    /** An expired persistent session to purge from Moquette once {@code predecessor} completes; then complete done. */
    record Purge(String clientId, CompletableFuture<Void> predecessor, CompletableFuture<Void> done) {
    }

    private static final class Stored {
        final Subscriptions subscriptions = new Subscriptions();
        final String sessionIdentifier = newSessionIdentifier();
        Instant disconnectedAt;
    }

    private static final class Presence {
        long version;
        Instant leftAt;
        boolean persistent;
    }

    private final Duration sessionExpiry;
    private final Map<String, ClientSession> connected = new HashMap<>();
    private final Map<String, Stored> stored = new HashMap<>();
    private final Map<String, Presence> presence = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> turns = new HashMap<>();

    SessionRegistry(Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
    }

    static String newSessionIdentifier() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Admits a connection whose CONNECT was valid; {@code upstreamClosed} completes when its Moquette side closes. */
    synchronized Admission admit(String clientId, ClientSession session, boolean cleanSession, Instant now,
                                 CompletableFuture<Void> upstreamClosed) {
        ClientSession previous = connected.put(clientId, session);
        Subscriptions subscriptions;
        String sessionIdentifier;
        boolean purge = false;
        if (cleanSession) {
            stored.remove(clientId); // Moquette drops the stored session on a clean CONNECT itself
            subscriptions = new Subscriptions();
            sessionIdentifier = newSessionIdentifier();
        } else {
            Stored state = stored.get(clientId);
            if (state != null && state.disconnectedAt != null && expired(state.disconnectedAt, now)) {
                state = null;
                purge = true;
            }
            if (state == null) {
                state = new Stored();
                stored.put(clientId, state);
            }
            state.disconnectedAt = null;
            subscriptions = state.subscriptions;
            sessionIdentifier = state.sessionIdentifier;
        }
        long version = nextVersion(clientId, previous != null, now);
        return new Admission(previous, subscriptions, sessionIdentifier, purge, version, takeTurn(clientId, upstreamClosed));
    }

    /** A connection ended; unless a newer connection took its client id over, its persistent session starts to age. */
    synchronized void left(String clientId, ClientSession session, boolean cleanSession, Instant now) {
        if (connected.get(clientId) != session) {
            return;
        }
        connected.remove(clientId);
        Presence p = presence.get(clientId);
        if (p != null) {
            p.leftAt = now;
            p.persistent = !cleanSession;
        }
        Stored state = stored.get(clientId);
        if (!cleanSession && state != null) {
            state.disconnectedAt = now;
        }
    }

    /** Forgets the persistent sessions that expired and version numbers past their reset; returns what to purge. */
    synchronized List<Purge> expire(Instant now) {
        List<Purge> purges = new ArrayList<>();
        for (Iterator<Map.Entry<String, Stored>> it = stored.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Stored> entry = it.next();
            Instant left = entry.getValue().disconnectedAt;
            if (left != null && expired(left, now) && !connected.containsKey(entry.getKey())) {
                it.remove();
                CompletableFuture<Void> done = new CompletableFuture<>();
                purges.add(new Purge(entry.getKey(), takeTurn(entry.getKey(), done), done));
            }
        }
        presence.entrySet().removeIf(e -> !connected.containsKey(e.getKey()) && versionReset(e.getValue(), now));
        return purges;
    }

    private boolean expired(Instant disconnectedAt, Instant now) {
        return !now.isBefore(disconnectedAt.plus(sessionExpiry));
    }

    private long nextVersion(String clientId, boolean stillConnected, Instant now) {
        Presence p = presence.get(clientId);
        if (p == null || (!stillConnected && versionReset(p, now))) {
            p = new Presence();
            presence.put(clientId, p);
            return 0;
        }
        p.leftAt = null;
        return ++p.version;
    }

    private boolean versionReset(Presence p, Instant now) {
        return p.leftAt != null && !now.isBefore(p.leftAt.plus(p.persistent ? sessionExpiry : VERSION_RESET));
    }

    /** Queues {@code mine} behind the client id's current holder; returns what to wait for. */
    private CompletableFuture<Void> takeTurn(String clientId, CompletableFuture<Void> mine) {
        CompletableFuture<Void> previous = turns.getOrDefault(clientId, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> chained = previous.handle((v, e) -> null).thenCompose(v -> mine);
        turns.put(clientId, chained);
        chained.whenComplete((v, e) -> {
            synchronized (this) {
                turns.remove(clientId, chained);
            }
        });
        return previous;
    }
}
