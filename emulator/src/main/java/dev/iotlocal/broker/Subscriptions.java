package dev.iotlocal.broker;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic filters of one MQTT session. A persistent session's outlive its connections; a connection being
 * replaced and its successor may touch them from two event loops at once.
 */
final class Subscriptions {

    private final Set<String> filters = ConcurrentHashMap.newKeySet();

    void add(String filter) {
        filters.add(filter);
    }

    void removeAll(Collection<String> removed) {
        filters.removeAll(removed);
    }

    void clear() {
        filters.clear();
    }

    /** Whether a message to {@code topic} is for this session under AWS IoT's matching. */
    boolean anyMatches(String topic) {
        for (String filter : filters) {
            if (Topics.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }
}
