package dev.iotlocal.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic filters of one MQTT session. A persistent session's outlive its connections; a connection being
 * replaced and its successor may touch them from two event loops at once.
 */
final class Subscriptions {

    /** Each filter with its levels, split once here rather than for every message. */
    private final Map<String, String[]> filters = new ConcurrentHashMap<>();

    void add(String filter) {
        filters.computeIfAbsent(filter, Topics::levels);
    }

    void removeAll(Collection<String> removed) {
        filters.keySet().removeAll(removed);
    }

    void clear() {
        filters.clear();
    }

    /** Whether a message to {@code topic} is for this session under AWS IoT's matching. */
    boolean anyMatches(String topic) {
        for (String[] levels : filters.values()) {
            if (Topics.matches(levels, topic)) {
                return true;
            }
        }
        return false;
    }
}
