package dev.iotlocal.broker;

import dev.iotlocal.broker.BrokerRefusal.Rule;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** AWS IoT's rules for topic names and filters: limits, reserved topics, Basic Ingest and matching. */
final class Topics {

    static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    static final int MAX_TOPIC_BYTES = 256;
    static final int MAX_SLASHES = 7;
    static final int MAX_CLIENT_ID_BYTES = 128;
    static final int MAX_FILTERS_PER_SUBSCRIBE = 8;

    static final String BASIC_INGEST_PREFIX = "$aws/rules/";

    /** The reserved topics clients may publish to, with the AWS service that answers them (reserved-topics.md). */
    private record ServiceTopic(Pattern pattern, String service) {
    }

    private static final String LEVEL = "[^/]+";
    private static final List<ServiceTopic> PUBLISHABLE = List.of(
            service("\\$aws/things/" + LEVEL + "/shadow(/name/" + LEVEL + ")?/(get|update|delete)", "Device Shadow"),
            service("\\$aws/things/" + LEVEL + "/jobs/(get|start-next)", "Jobs"),
            service("\\$aws/things/" + LEVEL + "/jobs/" + LEVEL + "/(get|update)", "Jobs"),
            service("\\$aws/things/" + LEVEL + "/defender/metrics/(json|cbor)", "Device Defender"),
            service("\\$aws/certificates/create(-from-csr)?/(json|cbor)", "fleet provisioning"),
            service("\\$aws/provisioning-templates/" + LEVEL + "/provision/(json|cbor)", "fleet provisioning"),
            service("\\$aws/things/" + LEVEL + "/streams/" + LEVEL + "/(get|describe)/(json|cbor)",
                    "MQTT-based file delivery"));

    private Topics() {
    }

    private static ServiceTopic service(String regex, String service) {
        return new ServiceTopic(Pattern.compile(regex), service);
    }

    /** Why a publish of {@code payloadBytes} to {@code topic} is refused, if it is. */
    static Optional<BrokerRefusal> checkPublish(String topic, int payloadBytes, boolean retain) {
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            return refuse(Rule.MESSAGE_SIZE, "the payload is " + payloadBytes + " bytes");
        }
        if (topic == null || topic.isEmpty()) {
            return refuse(Rule.TOPIC_SYNTAX, "the topic is empty");
        }
        if (topic.contains("+") || topic.contains("#")) {
            return refuse(Rule.TOPIC_SYNTAX, "the topic '" + topic + "' contains a wildcard");
        }
        if (topic.indexOf('\u0000') >= 0) {
            return refuse(Rule.TOPIC_SYNTAX, "the topic contains the NUL character");
        }
        if (topic.startsWith(BASIC_INGEST_PREFIX)) {
            String rest = topic.substring(BASIC_INGEST_PREFIX.length());
            String rule = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (rule.isEmpty()) {
                return refuse(Rule.TOPIC_SYNTAX, "the Basic Ingest topic '" + topic + "' names no rule:"
                        + " publish to $aws/rules/<ruleName>/<topic>");
            }
            return retain ? refuse(Rule.RETAINED_RESERVED_TOPIC, "the message to '" + abbreviate(topic)
                    + "' has the RETAIN flag") : checkSize(topic, subjectOf(topic));
        }
        Optional<BrokerRefusal> size = checkSize(topic, topic);
        if (size.isPresent()) {
            return size;
        }
        if (topic.startsWith("$")) {
            if (serviceOf(topic).isEmpty()) {
                return refuse(Rule.RESERVED_TOPIC, "'" + topic + "' is a reserved topic clients cannot publish to");
            }
            if (retain) {
                return refuse(Rule.RETAINED_RESERVED_TOPIC, "the message to '" + topic + "' has the RETAIN flag");
            }
        }
        return Optional.empty();
    }

    /** Why a subscription to {@code filter} is refused, if it is. */
    static Optional<BrokerRefusal> checkFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return refuse(Rule.TOPIC_SYNTAX, "a topic filter is empty");
        }
        if (filter.startsWith(BASIC_INGEST_PREFIX) || filter.equals("$aws/rules")) {
            return refuse(Rule.BASIC_INGEST_SUBSCRIBE, "the filter '" + abbreviate(filter) + "' is a Basic Ingest topic");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.contains("+") || level.contains("#"))) {
                return refuse(Rule.TOPIC_SYNTAX, "in the filter '" + abbreviate(filter) + "', level " + (i + 1)
                        + " mixes a wildcard with other characters");
            }
            if (level.equals("#") && i != levels.length - 1) {
                return refuse(Rule.TOPIC_SYNTAX, "in the filter '" + abbreviate(filter) + "', # is not the last level");
            }
        }
        if (filter.indexOf('\u0000') >= 0) {
            return refuse(Rule.TOPIC_SYNTAX, "the filter contains the NUL character");
        }
        return checkSize(filter, filter);
    }

    /** The rule a Basic Ingest topic ({@code $aws/rules/<rule>/...}) names. */
    static Optional<String> basicIngestRule(String topic) {
        if (!topic.startsWith(BASIC_INGEST_PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(BASIC_INGEST_PREFIX.length());
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** The AWS service answering a reserved request topic, e.g. "Device Shadow". */
    static Optional<String> serviceOf(String topic) {
        return PUBLISHABLE.stream().filter(s -> s.pattern().matcher(topic).matches()).map(ServiceTopic::service)
                .findFirst();
    }

    static boolean hasWildcard(String filter) {
        return filter.contains("+") || filter.contains("#");
    }

    /**
     * Whether a message to {@code topic} reaches a subscription to {@code filter}, as AWS IoT matches: unlike
     * MQTT 3.1.1, {@code a/#} does not match {@code a}; a filter starting with a wildcard matches no {@code $} topic.
     */
    static boolean matches(String filter, String topic) {
        return matches(levels(filter), topic);
    }

    /** A filter's levels, split once when it is subscribed to: matching runs for every message. */
    static String[] levels(String filter) {
        return filter.split("/", -1);
    }

    /** {@link #matches(String, String)} with the filter already split into its levels; walks the topic in place. */
    static boolean matches(String[] filterLevels, String topic) {
        if (topic.startsWith("$") && (filterLevels[0].equals("+") || filterLevels[0].equals("#"))) {
            return false;
        }
        int start = 0; // where the topic's next level starts; -1 once the topic has no level left
        for (String level : filterLevels) {
            if (level.equals("#")) {
                return start >= 0; // '#' stands for one level or more, never for none
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

    /** The part of a topic the limits apply to: without a leading {@code $aws/rules/<rule>/}. */
    private static String subjectOf(String topic) {
        String rest = topic.substring(BASIC_INGEST_PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    private static Optional<BrokerRefusal> checkSize(String topic, String subject) {
        int bytes = subject.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            return refuse(Rule.TOPIC_SIZE, "'" + abbreviate(topic) + "' is " + bytes + " bytes"
                    + (subject.equals(topic) ? "" : " after its Basic Ingest prefix"));
        }
        long slashes = subject.chars().filter(c -> c == '/').count();
        if (slashes > MAX_SLASHES) {
            return refuse(Rule.TOPIC_LEVELS, "'" + abbreviate(topic) + "' has " + slashes + " slashes"
                    + (subject.equals(topic) ? "" : " after its Basic Ingest prefix"));
        }
        return Optional.empty();
    }

    /** Long topics in log lines: the start and the end, which tell them apart. */
    static String abbreviate(String topic) {
        return topic.length() <= 80 ? topic : topic.substring(0, 40) + "..." + topic.substring(topic.length() - 30);
    }

    private static Optional<BrokerRefusal> refuse(Rule rule, String detail) {
        return Optional.of(new BrokerRefusal(rule, detail));
    }
}
