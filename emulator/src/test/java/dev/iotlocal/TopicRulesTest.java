package dev.iotlocal;

import dev.iotlocal.config.ConfigException;
import dev.iotlocal.rules.LambdaAction;
import dev.iotlocal.rules.RepublishAction;
import dev.iotlocal.rules.TopicRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic rules from serverless.yml made runnable at build(): what AWS refuses stops start-up, with the place. */
class TopicRulesTest {

    private static final String SERVICE = """
            service: demo
            provider:
              name: aws
            functions:
              ingest:
                handler: dev.iotlocal.EchoHandler
            resources:
              Resources:
                IngestRule:
                  Type: AWS::IoT::TopicRule
                  Properties:
                    RuleName: ingest
                    TopicRulePayload:
                      Sql: "SELECT * FROM 'devices/+/telemetry'"
                      AwsIotSqlVersion: '2016-03-23'
                      Actions:
            """;

    @TempDir
    Path dir;

    private EmulatorConfiguration build(String actions) throws IOException {
        return build(actions, "");
    }

    /** Actions under TopicRulePayload.Actions (line 17 on), and an ErrorAction's body when not blank. */
    private EmulatorConfiguration build(String actions, String errorAction) throws IOException {
        String yaml = SERVICE + actions.indent(12)
                + (errorAction.isBlank() ? "" : "          ErrorAction:\n" + errorAction.indent(12));
        Path file = Files.writeString(dir.resolve("serverless.yml"), yaml);
        return IotLocal.builder().config(file).build().configuration();
    }

    private ConfigException refusal(String actions) {
        return refusal(actions, "");
    }

    private ConfigException refusal(String actions, String errorAction) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> build(actions, errorAction));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        return (ConfigException) thrown;
    }

    @Nested
    class Accepts {

        @Test
        void republishAndLambdaActionsAndAnErrorAction() throws Exception {
            EmulatorConfiguration configuration = build("""
                    - Republish:
                        Topic: 'processed/${topic(2)}'
                        Qos: 1
                    - Lambda:
                        FunctionArn: !GetAtt IngestLambdaFunction.Arn
                    """, """
                    Republish:
                      Topic: '$$aws/rules/errors/${topic(2)}'
                    """);

            TopicRule rule = configuration.topicRules().get(0);
            assertThat(rule.actions()).hasSize(2);
            assertThat(rule.actions().get(0)).isInstanceOfSatisfying(RepublishAction.class, r -> {
                assertThat(r.topic().source()).isEqualTo("processed/${topic(2)}");
                assertThat(r.qos()).isEqualTo(1);
            });
            assertThat(rule.actions().get(1)).isEqualTo(new LambdaAction("demo-dev-ingest",
                    "arn:aws:lambda:us-east-1:000000000000:function:demo-dev-ingest"));
            assertThat(rule.errorAction()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(RepublishAction.class));
        }

        @Test
        void aFunctionOutsideTheServiceWithAWarningThatNamesThePlace() throws Exception {
            EmulatorConfiguration configuration = build("""
                    - Lambda:
                        FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
                    """);

            assertThat(configuration.topicRules().get(0).actions()).containsExactly(
                    new LambdaAction("elsewhere", "arn:aws:lambda:us-east-1:000000000000:function:elsewhere"));
            assertThat(configuration.service().warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("serverless.yml:17:")
                    .contains("rule ingest invokes function 'elsewhere', which this service does not define")
                    .contains("ResourceNotFoundException")
                    .contains("add an ErrorAction"));
        }

        @Test
        void aRepublishToItsOwnTopicWithAWarningOfTheLoop() throws Exception {
            EmulatorConfiguration configuration = build("""
                    - Republish:
                        Topic: devices/x/telemetry
                    """);

            assertThat(configuration.service().warnings()).anySatisfy(w -> assertThat(w)
                    .contains("republishes to 'devices/x/telemetry', which its own FROM 'devices/+/telemetry' matches"));
        }
    }

    @Nested
    class Refuses {

        @Test
        void aRepublishTopicWhoseTemplateDoesNotParse() {
            ConfigException e = refusal("""
                    - Republish:
                        Topic: 'processed/${topic(2}'
                    """);

            assertThat(e.getMessage()).startsWith("serverless.yml:17:").contains("Rule ingest")
                    .contains("'processed/${topic(2}'").contains("column 20");
        }

        @Test
        void aRepublishTopicNoMessageCouldGoTo() {
            assertThat(refusal("""
                    - Republish:
                        Topic: 'processed/#'
                    """).getMessage()).contains("no message can be republished to 'processed/#'").contains("wildcard")
                    .contains("Change the Topic");
            assertThat(refusal("""
                    - Republish:
                        Topic: '$$aws/things/t/jobs/get'
                    """).getMessage()).contains("reserved job topics").contains("$$aws/things/<thing>/shadow/update");
        }

        @Test
        void anErrorActionOfAServiceIotlocalDoesNotEmulate() {
            ConfigException e = refusal("""
                    - Lambda:
                        FunctionArn: !GetAtt IngestLambdaFunction.Arn
                    """, """
                    S3:
                      BucketName: errors
                    """);

            assertThat(e.getMessage()).startsWith("serverless.yml:20:").contains("the S3 action")
                    .contains("Use a Lambda or Republish action instead");
        }
    }

    @Test
    void refusesTheActionsOfAServiceIotlocalDoesNotEmulate() {
        assertThatThrownBy(() -> build("""
                - DynamoDBv2:
                    PutItem: {TableName: telemetry}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("DynamoDBv2");
    }
}
