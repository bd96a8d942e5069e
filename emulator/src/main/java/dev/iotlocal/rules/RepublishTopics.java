package dev.iotlocal.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a Republish action may publish (republish-rule-action.md, reserved-topics.md): a topic name within AWS
 * IoT's limits, and among topics starting with {@code $} only the reserved ones a client may publish to, except
 * the job topics.
 */
final class RepublishTopics {

    /** AWS IoT's payload limit: 128 KB. */
    static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    static final int MAX_TOPIC_BYTES = 256;
    static final int MAX_SLASHES = 7;

    /** Basic Ingest's prefix does not count towards the topic limits. */
    private static final Pattern BASIC_INGEST = Pattern.compile("^\\$aws/rules/[^/]+/?");
    private static final Pattern JOBS = Pattern.compile("^\\$aws/(things/[^/]+/jobs|events/job|events/jobExecution)(/.*)?$");
    /** The reserved topics AWS lists with "Publish" among the client operations allowed. */
    private static final List<Pattern> PUBLISHABLE = List.of(
            Pattern.compile("^\\$aws/things/[^/]+/shadow(/name/[^/]+)?/(get|update|delete)$"),
            Pattern.compile("^\\$aws/rules/[^/]+(/.*)?$"),
            Pattern.compile("^\\$aws/things/[^/]+/defender/metrics/(json|cbor)$"),
            Pattern.compile("^\\$aws/certificates/(create|create-from-csr)/(json|cbor)$"),
            Pattern.compile("^\\$aws/provisioning-templates/[^/]+/provision/(json|cbor)$"),
            Pattern.compile("^\\$aws/things/[^/]+/streams/[^/]+/(get|describe)/(json|cbor)$"));

    private RepublishTopics() {
    }

    /** Why AWS IoT would not publish to {@code topic}; empty when it would. */
    static Optional<String> problem(String topic) {
        if (topic.isEmpty()) {
            return Optional.of("the topic is empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("the topic contains a wildcard (+ or #), which only topic filters may hold");
        }
        if (topic.indexOf('\u0000') >= 0) {
            return Optional.of("the topic contains the null character, which MQTT forbids");
        }
        String counted = BASIC_INGEST.matcher(topic).replaceFirst("");
        int bytes = counted.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TOPIC_BYTES) {
            return Optional.of("the topic is " + bytes + " bytes long; AWS IoT allows at most " + MAX_TOPIC_BYTES);
        }
        long slashes = counted.chars().filter(c -> c == '/').count();
        if (slashes > MAX_SLASHES) {
            return Optional.of("the topic has " + slashes + " slashes; AWS IoT allows at most " + MAX_SLASHES
                    + " (8 levels)");
        }
        if (topic.startsWith("$")) {
            if (JOBS.matcher(topic).matches()) {
                return Optional.of("republishing to reserved job topics is not supported by AWS IoT");
            }
            if (PUBLISHABLE.stream().noneMatch(p -> p.matcher(topic).matches())) {
                return Optional.of("topics starting with $ are reserved for AWS IoT, and this is none of the reserved"
                        + " topics that may be published to (device shadow get/update/delete, $aws/rules/<rule>/...,"
                        + " Device Defender metrics, fleet provisioning, MQTT-based file delivery)");
            }
        }
        return Optional.empty();
    }
}
