package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** iot events become rules that invoke their function; rules without a name get a derived, unique one. */
class IotRulesTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void allSettingsAreKept() {
        TopicRuleDefinition rule = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - iot:
                          name: full
                          sql: "SELECT * FROM 'a/#'"
                          sqlVersion: beta
                          enabled: false
                          description: Every message under a/
                """).topicRules().get(0);
        assertThat(rule.name()).isEqualTo("full");
        assertThat(rule.sql()).isEqualTo("SELECT * FROM 'a/#'");
        assertThat(rule.sqlVersion()).isEqualTo("beta");
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.description()).isEqualTo("Every message under a/");
        assertThat(rule.actions()).extracting(a -> ((LambdaActionDefinition) a).functionKeyOrName()).containsExactly("f");
        assertThat(rule.sqlLocation().line()).isEqualTo(10);
    }

    @Test
    void unnamedRulesGetServiceStageFunctionAndNumber() {
        List<TopicRuleDefinition> rules = fixture.load("""
                service: my-service
                provider: {name: aws}
                functions:
                  on-message:
                    handler: a.B
                    events:
                      - iot: {sql: "SELECT * FROM 'a'"}
                      - http: GET /
                      - iot: {sql: "SELECT * FROM 'b'"}
                """, LoadOptions.defaults().withStage("pre-prod")).topicRules();
        assertThat(rules).extracting(TopicRuleDefinition::name)
                .containsExactly("my_service_pre_prod_on_message_iot_1", "my_service_pre_prod_on_message_iot_2");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.sqlVersion()).isEqualTo("2015-10-08");
        });
    }

    @Test
    void derivedNameStepsAsideForAGivenName() {
        List<TopicRuleDefinition> rules = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - iot: {sql: "SELECT * FROM 'a'"}
                      - iot: {sql: "SELECT * FROM 'b'", name: demo_dev_f_iot_1}
                """).topicRules();
        assertThat(rules).extracting(TopicRuleDefinition::name).containsExactly("demo_dev_f_iot_1_2", "demo_dev_f_iot_1");
    }

    @Test
    void derivedNamesAreCutToTheAwsLimit() {
        String key = "f".repeat(64);
        ServiceDefinition service = fixture.load("service: " + "s".repeat(60) + "\nprovider: {name: aws}\nfunctions:\n  "
                + key + ":\n    handler: a.B\n    name: short\n    events:\n      - iot: {sql: \"SELECT * FROM 'a'\"}\n");
        assertThat(service.topicRules().get(0).name()).hasSize(128).matches("[a-zA-Z0-9_]+");
    }

    @Test
    void rulesFromEventsComeBeforeRulesFromResources() {
        ServiceDefinition service = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - iot: {sql: "SELECT * FROM 'a'"}
                resources:
                  Resources:
                    Extra:
                      Type: AWS::IoT::TopicRule
                      Properties:
                        TopicRulePayload:
                          Sql: "SELECT * FROM 'b'"
                          Actions: [{Lambda: {FunctionArn: !GetAtt FLambdaFunction.Arn}}]
                """);
        assertThat(service.topicRules()).extracting(TopicRuleDefinition::name).containsExactly("demo_dev_f_iot_1", "Extra");
    }
}
