package dev.iotlocal.rules.sql;

import java.nio.charset.StandardCharsets;

/**
 * An AWS IoT topic filter: {@code +} matches exactly one level, {@code #} (last level only) matches the
 * levels at and below its own. Unlike MQTT 3.1.1, {@code sensor/#} does NOT match {@code sensor}
 * (AWS topics.md). Matching is case-sensitive; a filter starting with a wildcard does not match
 * {@code $}-topics, as in MQTT. The filter is split into its levels once, when it is made: matching runs for every
 * rule and every message.
 */
public final class TopicFilter {

    /** AWS's limit for topics; a filter longer than the longest topic could match nothing useful. */
    static final int MAX_BYTES = 256;

    private final String filter;
    private final String[] levels;
    private final boolean startsWithWildcard;

    /** Validates {@code filter}; throws {@link IllegalArgumentException} saying what is wrong and where. */
    public TopicFilter(String filter) {
        Problem p = problem(filter);
        if (p != null) {
            throw new IllegalArgumentException("Invalid topic filter '" + filter + "': " + p.reason()
                    + " (at character " + (p.index() + 1) + ").");
        }
        this.filter = filter;
        this.levels = filter.split("/", -1);
        this.startsWithWildcard = levels[0].equals("+") || levels[0].equals("#");
    }

    /** The filter's text. */
    public String filter() {
        return filter;
    }

    /** A validated filter; {@link IllegalArgumentException} with the reason when it is not valid. */
    public static TopicFilter parse(String filter) {
        return new TopicFilter(filter);
    }

    /** Whether a message published to {@code topic} reaches a rule with this filter. */
    public boolean matches(String topic) {
        if (topic == null || topic.startsWith("$") && startsWithWildcard) {
            return false;
        }
        int start = 0; // where the topic's next level starts; -1 once the topic has no level left
        for (String level : levels) {
            if (level.equals("#")) {
                // '#' stands for one or more levels: "sensor/#" needs at least the level after "sensor".
                return start >= 0;
            }
            if (start < 0) {
                return false;
            }
            int end = topic.indexOf('/', start);
            int length = (end < 0 ? topic.length() : end) - start;
            if (!level.equals("+") && !(level.length() == length && topic.regionMatches(start, level, 0, length))) {
                return false;
            }
            start = end < 0 ? -1 : end + 1;
        }
        return start < 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter that && filter.equals(that.filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }

    @Override
    public String toString() {
        return filter;
    }

    /** Why a filter is invalid and the 0-based index of the character at fault. */
    record Problem(int index, String reason) {
    }

    /** The first problem with {@code filter}, or null when it is valid. */
    static Problem problem(String filter) {
        if (filter == null || filter.isEmpty()) {
            return new Problem(0, "a topic filter cannot be empty");
        }
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return new Problem(0, "a topic filter is at most " + MAX_BYTES + " bytes of UTF-8");
        }
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == filter.length() - 1 || filter.charAt(i + 1) == '/';
            if (c == '\u0000') {
                return new Problem(i, "a topic filter cannot contain the NUL character");
            }
            if (c == '+' && !(levelStart && levelEnd)) {
                return new Problem(i, "'+' must be the only character of its level");
            }
            if (c == '#') {
                if (!(levelStart && levelEnd)) {
                    return new Problem(i, "'#' must be the only character of its level");
                }
                if (i != filter.length() - 1) {
                    return new Problem(i, "'#' must be the last level of the filter");
                }
            }
        }
        return null;
    }
}
