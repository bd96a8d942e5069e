package dev.iotlocal.broker;

import java.util.Objects;

/**
 * Why AWS IoT's message broker refuses a request: the rule broken, with the name AWS gives the limit, and what
 * exactly was wrong, so the user learns both.
 *
 * @param rule   the rule broken
 * @param detail a sentence about this request, e.g. "the topic is 257 bytes"
 */
public record BrokerRefusal(Rule rule, String detail) {

    /** The rules of AWS IoT Core's message broker that iotlocal enforces, named as AWS names them. */
    public enum Rule {
        MESSAGE_SIZE("AWS IoT Core quota 'Message size': a payload is at most 128 KB (131072 bytes)"),
        TOPIC_SIZE("AWS IoT Core quota 'Topic size': a topic or topic filter is at most 256 bytes of UTF-8,"
                + " not counting a leading $aws/rules/<ruleName>/"),
        TOPIC_LEVELS("AWS IoT Core quota 'Maximum number of slashes in topic and topic filter': at most 7 (8 levels),"
                + " not counting a leading $aws/rules/<ruleName>/"),
        CLIENT_ID_SIZE("AWS IoT Core quota 'Client ID size': at most 128 bytes of UTF-8"),
        SUBSCRIPTIONS_PER_SUBSCRIBE("AWS IoT Core quota 'Subscriptions per subscribe request': at most 8 topic filters"),
        QOS_2("AWS IoT supports MQTT QoS 0 and 1 only; QoS 2 is not acknowledged and the connection is closed"),
        RESERVED_TOPIC("AWS IoT reserved topics: topics starting with $ belong to AWS IoT; clients publish only to the"
                + " $aws/... request topics of its services (shadows, jobs, Basic Ingest, ...)"),
        RETAINED_RESERVED_TOPIC("AWS IoT retained messages: a message to a reserved topic cannot have the RETAIN flag"),
        BASIC_INGEST_SUBSCRIBE("AWS IoT Basic Ingest: $aws/rules/... topics can be published to, never subscribed to"),
        TOPIC_SYNTAX("MQTT topic names and filters: a topic name is not empty and has no wildcard; in a filter, + and #"
                + " fill a whole level and # comes last"),
        CLIENT_ID_REQUIRED("AWS IoT identifies each connection by its client id: CONNECT must carry one"),
        PROTOCOL("MQTT 3.1.1 as AWS IoT speaks it (MQTT 5 is not emulated yet)");

        private final String aws;

        Rule(String aws) {
            this.aws = aws;
        }

        /** The rule as AWS states it, with the name of its quota where it has one. */
        public String aws() {
            return aws;
        }
    }

    public BrokerRefusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    /** The detail and the rule in one sentence, for logs and error bodies. */
    public String message() {
        return detail + ". " + rule.aws() + ".";
    }
}
