package dev.iotlocal.broker;

import dev.iotlocal.broker.BrokerRefusal.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    private static Optional<Rule> publishRule(String topic) {
        return Topics.checkPublish(topic, 0, false).map(BrokerRefusal::rule);
    }

    private static Optional<Rule> filterRule(String filter) {
        return Topics.checkFilter(filter).map(BrokerRefusal::rule);
    }

    /** A topic of {@code bytes} bytes: "t/" then letters. */
    private static String topicOf(int bytes) {
        return "t/" + "a".repeat(bytes - 2);
    }

    @Nested
    class Limits {

        @Test
        void aPayloadOf128KbIsAcceptedAndOneByteMoreRefused() {
            assertThat(Topics.checkPublish("t", 131_072, false)).isEmpty();
            assertThat(Topics.checkPublish("t", 131_073, false)).get()
                    .satisfies(r -> assertThat(r.rule()).isEqualTo(Rule.MESSAGE_SIZE))
                    .satisfies(r -> assertThat(r.message()).contains("131073 bytes").contains("'Message size'"));
        }

        @Test
        void aTopicOf256BytesIsAcceptedAnd257Refused() {
            assertThat(publishRule(topicOf(256))).isEmpty();
            assertThat(publishRule(topicOf(257))).contains(Rule.TOPIC_SIZE);
            assertThat(filterRule(topicOf(256))).isEmpty();
            assertThat(filterRule(topicOf(257))).contains(Rule.TOPIC_SIZE);
        }

        @Test
        void bytesAreCountedInUtf8() {
            String twoByteLetters = "é".repeat(128); // 256 bytes
            assertThat(publishRule(twoByteLetters)).isEmpty();
            assertThat(publishRule(twoByteLetters + "a")).contains(Rule.TOPIC_SIZE);
        }

        @Test
        void sevenSlashesAreAcceptedAndEightRefused() {
            assertThat(publishRule("1/2/3/4/5/6/7/8")).isEmpty();
            assertThat(publishRule("1/2/3/4/5/6/7/8/9")).contains(Rule.TOPIC_LEVELS);
            assertThat(filterRule("1/+/3/4/5/6/7/#")).isEmpty();
            assertThat(filterRule("1/+/3/4/5/6/7/8/#")).contains(Rule.TOPIC_LEVELS);
        }

        @Test
        void theBasicIngestPrefixDoesNotCountTowardsTheLimits() {
            assertThat(publishRule("$aws/rules/myRule/1/2/3/4/5/6/7/8")).isEmpty();
            assertThat(publishRule("$aws/rules/myRule/1/2/3/4/5/6/7/8/9")).contains(Rule.TOPIC_LEVELS);
            assertThat(publishRule("$aws/rules/myRule/" + topicOf(256))).isEmpty();
            assertThat(publishRule("$aws/rules/myRule/" + topicOf(257))).contains(Rule.TOPIC_SIZE);
            assertThat(publishRule("$aws/rules/myRule")).isEmpty();
        }
    }

    @Nested
    class ReservedTopics {

        @ParameterizedTest
        @ValueSource(strings = {"$aws/things/lamp/shadow/update", "$aws/things/lamp/shadow/name/night/get",
                "$aws/things/lamp/jobs/get", "$aws/things/lamp/jobs/job-1/update", "$aws/things/lamp/defender/metrics/json",
                "$aws/certificates/create/cbor", "$aws/provisioning-templates/tpl/provision/json",
                "$aws/things/lamp/streams/s1/get/json", "$aws/rules/myRule/sensors/1"})
        void theRequestTopicsOfAwsServicesArePublishable(String topic) {
            assertThat(publishRule(topic)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$aws/events/presence/connected/me", "$aws/things/lamp/shadow/update/accepted",
                "$aws/things/lamp/jobs/notify", "$SYS/broker", "$mine"})
        void otherDollarTopicsAreRefused(String topic) {
            assertThat(publishRule(topic)).contains(Rule.RESERVED_TOPIC);
        }

        @Test
        void noReservedTopicTakesTheRetainFlag() {
            assertThat(Topics.checkPublish("$aws/things/lamp/shadow/update", 2, true).map(BrokerRefusal::rule))
                    .contains(Rule.RETAINED_RESERVED_TOPIC);
            assertThat(Topics.checkPublish("$aws/rules/r/x", 2, true).map(BrokerRefusal::rule))
                    .contains(Rule.RETAINED_RESERVED_TOPIC);
            assertThat(Topics.checkPublish("plain/topic", 2, true)).isEmpty();
        }

        @Test
        void basicIngestTopicsCannotBeSubscribedTo() {
            assertThat(filterRule("$aws/rules/myRule/#")).contains(Rule.BASIC_INGEST_SUBSCRIBE);
            assertThat(filterRule("$aws/events/presence/connected/+")).isEmpty();
        }

        @Test
        void aBasicIngestTopicNamesItsRule() {
            assertThat(Topics.basicIngestRule("$aws/rules/myRule/a/b")).contains("myRule");
            assertThat(Topics.basicIngestRule("$aws/rules/myRule")).contains("myRule");
            assertThat(Topics.basicIngestRule("a/rules/myRule")).isEmpty();
            assertThat(publishRule("$aws/rules/")).contains(Rule.TOPIC_SYNTAX);
        }
    }

    @Nested
    class Syntax {

        @ParameterizedTest
        @ValueSource(strings = {"", "a/+", "a/#", "+"})
        void aTopicNameIsNotEmptyAndHasNoWildcard(String topic) {
            assertThat(publishRule(topic)).contains(Rule.TOPIC_SYNTAX);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a/b+", "a/#/b", "a#", "+a/b"})
        void wildcardsFillAWholeLevelAndHashComesLast(String filter) {
            assertThat(filterRule(filter)).contains(Rule.TOPIC_SYNTAX);
        }

        @ParameterizedTest
        @ValueSource(strings = {"#", "+", "a/+/c", "a/#", "+/+/#", "/"})
        void validFiltersPass(String filter) {
            assertThat(filterRule(filter)).isEmpty();
        }
    }

    @Nested
    class Matching {

        @ParameterizedTest
        @CsvSource({
                "sensor/#, sensor/temperature, true",
                "sensor/#, sensor/temperature/room1, true",
                "sensor/#, sensor/, true",
                "sensor/#, sensor, false",
                "sensor/+/room1, sensor/humidity/room1, true",
                "sensor/+/room1, sensor/humidity/room2, false",
                "sensor/+, sensor, false",
                "Sensor/#, sensor/a, false",
                "#, a/b, true",
                "#, $aws/events/presence/connected/c, false",
                "+/events/#, $aws/events/x, false",
                "$aws/events/presence/+/c, $aws/events/presence/connected/c, true",
                "a/b, a/b, true",
                "a/b, a/b/c, false",
                "a/b/c, a/b, false",
                "a/bc, a/b, false",
                "a/+, a/, true",
                "+/+, /, true",
                "+, a/b, false",
                "a/b/#, a/b/c/d, true"})
        void asAwsIotMatches(String filter, String topic, boolean matches) {
            assertThat(Topics.matches(filter, topic)).isEqualTo(matches);
        }
    }
}
