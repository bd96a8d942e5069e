package dev.iotlocal.rules;

import dev.iotlocal.rules.sql.MessageContext;
import dev.iotlocal.rules.sql.SqlVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubstitutionTemplateTest {

    private static final String PAYLOAD = "{\"deviceid\":\"iot123\",\"temp\":54.98,\"coords\":{\"latitude\":47.6},"
            + "\"tags\":[\"a\",\"b\"],\"on\":true}";

    private static MessageContext message(String topic, String payload) {
        return new MessageContext(topic, payload.getBytes(StandardCharsets.UTF_8), "sensor-1", null, 1_481_825_251_155L,
                "12345678-1234-1234-1234-123456789012", "000000000000");
    }

    private static String render(String template, String topic) {
        return SubstitutionTemplate.parse(template, SqlVersion.V2016_03_23).render(message(topic, PAYLOAD));
    }

    @Nested
    class Substitutes {

        @Test
        void theTopicAsInAwsExample() {
            assertThat(render("${topic()}/republish", "my/iot/topic")).isEqualTo("my/iot/topic/republish");
        }

        @Test
        void oneLevelOfTheTopic() {
            assertThat(render("replies/${topic(2)}", "devices/d-7/telemetry")).isEqualTo("replies/d-7");
        }

        @Test
        void contextFunctions() {
            assertThat(render("c/${clientid()}/${timestamp()}/${accountid()}", "t"))
                    .isEqualTo("c/sensor-1/1481825251155/000000000000");
        }

        @Test
        void anyExpressionOverTheOriginalPayload() {
            assertThat(render("${upper(deviceid)}/${coords.latitude}/${temp > 50}/${concat(topic(1), '-x')}", "room/1"))
                    .isEqualTo("IOT123/47.6/true/room-x");
        }

        @Test
        void stringsAsTheyAreOtherValuesAsJson() {
            assertThat(render("${deviceid}|${tags}|${on}|${coords}", "t")).isEqualTo("iot123|[\"a\",\"b\"]|true|{\"latitude\":47.6}");
        }

        @Test
        void undefinedAsNothing() {
            assertThat(render("a/${missing}/b/${topic(9)}", "t")).isEqualTo("a//b/");
        }

        @Test
        void severalTemplatesAndTextAround() {
            assertThat(render("x${topic(1)}y${topic(2)}z", "p/q")).isEqualTo("xpyqz");
        }

        @Test
        void quotedBracesAndObjectLiteralsInsideATemplate() {
            assertThat(render("${concat('}', topic(1), '{')}", "p/q")).isEqualTo("}p{");
            assertThat(render("${get({'k': 'v'}, 'k')}", "t")).isEqualTo("v");
        }

        @Test
        void doubledDollarAsOneForReservedTopics() {
            SubstitutionTemplate template = SubstitutionTemplate.parse("$$aws/things/${topic(2)}/shadow/update", null);

            assertThat(template.render(message("things/lamp", "{}"))).isEqualTo("$aws/things/lamp/shadow/update");
            assertThat(template.isConstant()).isFalse();
        }

        @Test
        void nothingInAConstantTopic() {
            SubstitutionTemplate template = SubstitutionTemplate.parse("$$aws/things/t/shadow/update", null);

            assertThat(template.isConstant()).isTrue();
            assertThat(template.constantText()).isEqualTo("$aws/things/t/shadow/update");
        }

        @Test
        void evaluatesWithTheRulesSqlVersion() {
            // 2016-03-23 reads whole decimals as Int; 2015-10-08 keeps them Decimal.
            MessageContext m = message("t", "{\"n\":10.0}");
            assertThat(SubstitutionTemplate.parse("${n}", SqlVersion.V2016_03_23).render(m)).isEqualTo("10");
            assertThat(SubstitutionTemplate.parse("${n}", SqlVersion.V2015_10_08).render(m)).isEqualTo("10.0");
        }
    }

    @Nested
    class Refuses {

        @Test
        void anUnclosedTemplate() {
            assertThatThrownBy(() -> SubstitutionTemplate.parse("out/${topic(2)", null))
                    .hasMessageContaining("column 5")
                    .hasMessageContaining("never closed")
                    .hasMessageContaining("$$");
        }

        @Test
        void anExpressionThatDoesNotParseWithItsColumnInTheField() {
            assertThatThrownBy(() -> SubstitutionTemplate.parse("out/${topic(2) topic(1)}", null))
                    .hasMessageContaining("column 16")
                    .hasMessageContaining("${topic(2) topic(1)}");
        }

        @Test
        void anEmptyTemplate() {
            assertThatThrownBy(() -> SubstitutionTemplate.parse("out/${}", null))
                    .hasMessageContaining("empty");
        }

        @Test
        void anUnknownFunction() {
            assertThatThrownBy(() -> SubstitutionTemplate.parse("${no_such_function()}", null))
                    .hasMessageContaining("no_such_function");
        }
    }
}
