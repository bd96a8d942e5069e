package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS IoT topic filters (topics.md): + is one level, # the levels at and below its own, case-sensitive. */
class TopicFilterTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sensor/#                   | sensor                     | false
            sensor/#                   | sensor/                    | true
            sensor/#                   | sensor/temperature         | true
            sensor/#                   | sensor/temperature/room1   | true
            sensor/+/room1             | sensor/temperature/room1   | true
            sensor/+/room1             | sensor/humidity/room2      | false
            sensor/+/room1             | sensor/room1               | false
            sensor/+                   | sensor/                    | true
            +/+                        | a/b                        | true
            +/+                        | a/b/c                      | false
            +                          | a                          | true
            +                          | /a                         | false
            #                          | a/b/c                      | true
            #                          | $aws/things/x              | false
            +/things/x                 | $aws/things/x              | false
            $aws/things/+/shadow/#     | $aws/things/t1/shadow/get  | true
            topic/subtopic             | topic/subtopic             | true
            topic/subtopic             | Topic/subtopic             | false
            topic/subtopic             | topic/subtopic/            | false
            a//b                       | a//b                       | true
            a/+/b                      | a//b                       | true
            """)
    void matches(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a/b#", "a#", "a/+b", "+a", "##", "a/++"})
    void invalidFiltersAreRefusedWithAReason(String filter) {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.parse(filter))
                .withMessageStartingWith("Invalid topic filter '" + filter + "': ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "+/+/#", "a b/c", "$aws/rules/r/#", "/", "a//b"})
    void validFilters(String filter) {
        assertThat(TopicFilter.parse(filter).filter()).isEqualTo(filter);
        assertThat(new TopicFilter(filter)).isEqualTo(TopicFilter.parse(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b"})
    void theConstructorValidatesToo(String filter) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicFilter(filter)).withMessageContaining("last level");
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void filtersAreAtMost256Bytes(int length) {
        String filter = "a".repeat(length);
        if (length <= TopicFilter.MAX_BYTES) {
            assertThat(TopicFilter.parse(filter).matches(filter)).isTrue();
        } else {
            assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.parse(filter)).withMessageContaining("256 bytes");
        }
    }
}
