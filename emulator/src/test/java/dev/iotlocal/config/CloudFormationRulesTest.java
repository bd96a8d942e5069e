package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static dev.iotlocal.config.ConfigFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS::IoT::TopicRule resources, with FunctionArn in every common form. */
class CloudFormationRulesTest {

    @Nested
    class Fixture {

        private final ServiceDefinition service =
                ServerlessConfig.load(ConfigFixture.resource("cloudformation/serverless.yml"), LoadOptions.defaults());

        @Test
        void loadsWithoutWarningsAndOnlyTheTopicRules() {
            assertThat(service.warnings()).isEmpty();
            assertThat(service.topicRules()).extracting(TopicRuleDefinition::name).containsExactly("telemetry_dev_ingest", "AlarmRule");
        }

        @Test
        void propertiesAreRead() {
            TopicRuleDefinition ingest = service.topicRules().get(0);
            assertThat(ingest.sql()).isEqualTo("SELECT * FROM 'devices/+/telemetry'");
            assertThat(ingest.sqlVersion()).isEqualTo("2016-03-23");
            assertThat(ingest.description()).isEqualTo("Ingest telemetry");
            assertThat(ingest.enabled()).isTrue();
            assertThat(ingest.sqlLocation().toString())
                    .isEqualTo("serverless.yml:25:16 (resources.Resources.IngestRule.Properties.TopicRulePayload.Sql)");

            TopicRuleDefinition alarm = service.topicRules().get(1);
            assertThat(alarm.enabled()).as("RuleDisabled: 'true'").isFalse();
            assertThat(alarm.sqlVersion()).as("AWS's default").isEqualTo("2015-10-08");
            assertThat(alarm.description()).isEmpty();
            assertThat(alarm.errorAction()).isEmpty();
        }

        @Test
        void shortGetAttTargetsTheFunctionKey() {
            assertThat(service.topicRules().get(0).actions().get(0))
                    .isEqualTo(new LambdaActionDefinition("ingest", service.topicRules().get(0).actions().get(0).location()));
            assertThat(service.topicRules().get(0).actions().get(0).location().toString())
                    .isEqualTo("serverless.yml:30:15 (resources.Resources.IngestRule.Properties.TopicRulePayload.Actions[0].Lambda)");
        }

        @Test
        void republishKeepsSubstitutionTemplatesAndQos() {
            assertThat(service.topicRules().get(0).actions().get(1)).isInstanceOfSatisfying(RepublishActionDefinition.class, r -> {
                assertThat(r.topic()).isEqualTo("processed/${topic(2)}");
                assertThat(r.qos()).isEqualTo(1);
            });
            assertThat(service.topicRules().get(0).errorAction()).hasValueSatisfying(error ->
                    assertThat(error).isInstanceOfSatisfying(RepublishActionDefinition.class, r -> {
                        assertThat(r.topic()).isEqualTo("errors");
                        assertThat(r.qos()).isZero();
                    }));
        }

        @Test
        void everyFunctionArnFormIsResolved() {
            List<RuleActionDefinition> actions = service.topicRules().get(1).actions();
            assertThat(actions).hasSize(7);
            assertThat(actions.subList(0, 6)).extracting(a -> ((LambdaActionDefinition) a).functionKeyOrName())
                    .containsExactly(
                            "alarm-handler",        // Fn::GetAtt list, Dash normalisation
                            "snake_case",           // JSON form, Underscore normalisation
                            "ingest",               // !Sub ARN with the deployed name
                            "some-other-function",  // a Lambda outside this service keeps its name
                            "ingest",               // !Join ARN ending with !Ref of the function
                            "snake_case");          // !GetAtt [id, Arn]
            assertThat(actions.get(6)).isInstanceOfSatisfying(UnsupportedActionDefinition.class,
                    u -> assertThat(u.type()).isEqualTo("DynamoDBv2"));
        }

        @Test
        void stageFlowsIntoRuleNames() {
            ServiceDefinition prod = ServerlessConfig.load(ConfigFixture.resource("cloudformation/serverless.yml"),
                    LoadOptions.defaults().withStage("prod"));
            assertThat(prod.topicRules().get(0).name()).isEqualTo("telemetry_prod_ingest");
            assertThat(((LambdaActionDefinition) prod.topicRules().get(1).actions().get(2)).functionKeyOrName())
                    .isEqualTo("ingest");
        }
    }

    @Nested
    class Mistakes {

        @TempDir
        Path dir;
        ConfigFixture fixture;

        @BeforeEach
        void setUp() {
            fixture = new ConfigFixture(dir);
        }

        private ConfigException rule(String payload) {
            return fixture.failure(HEADER + """
                    functions:
                      hello-world: {handler: a.B}
                    resources:
                      Resources:
                        Rule:
                          Type: AWS::IoT::TopicRule
                          Properties:
                    %s
                    """.formatted(payload.indent(8).stripTrailing()));
        }

        @Test
        void unknownLogicalIdListsTheFunctions() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions:
                        - Lambda: {FunctionArn: !GetAtt HelloLambdaFunction.Arn}
                    """);
            assertError(e, 14, "resources.Resources.Rule.Properties.TopicRulePayload.Actions[0].Lambda.FunctionArn",
                    "the functions here are HelloDashworldLambdaFunction");
        }

        @Test
        void attributeOtherThanArnIsRefused() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions:
                        - Lambda: {FunctionArn: !GetAtt HelloDashworldLambdaFunction.Name}
                    """);
            assertThat(e.getMessage()).contains("Write !GetAtt HelloDashworldLambdaFunction.Arn");
        }

        @Test
        void sqlIsRequired() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Actions: []
                    """);
            assertError(e, 12, "resources.Resources.Rule.Properties.TopicRulePayload", "has no Sql");
        }

        @Test
        void actionsAreRequired() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                    """);
            assertThat(e.getMessage()).contains("has no Actions, which CloudFormation requires");
        }

        @Test
        void ruleNameThatCannotBeKnownLocallyIsRefused() {
            ConfigException e = rule("""
                    RuleName: !Sub '${AWS::AccountId}_rule'
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions: []
                    """);
            assertError(e, 11, "resources.Resources.Rule.Properties.RuleName", "Write it literally");
        }

        @Test
        void unsupportedIntrinsicFunctionIsNamed() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: !ImportValue shared-sql
                      Actions: []
                    """);
            assertThat(e.getMessage()).contains("Fn::ImportValue cannot be evaluated by iotlocal");
        }

        @Test
        void actionWithTwoKindsIsRefused() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions:
                        - Lambda: {FunctionArn: !GetAtt HelloDashworldLambdaFunction.Arn}
                          Republish: {Topic: x}
                    """);
            assertThat(e.getMessage()).contains("one action per kind");
        }

        @Test
        void republishQosMustBeZeroOrOne() {
            ConfigException e = rule("""
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions:
                        - Republish: {Topic: x, Qos: 2}
                    """);
            assertThat(e.getMessage()).contains("QoS 0 or 1");
        }

        @Test
        void ruleNameIsValidatedLikeAws() {
            ConfigException e = rule("""
                    RuleName: my-rule
                    TopicRulePayload:
                      Sql: "SELECT * FROM 't'"
                      Actions: []
                    """);
            assertError(e, 11, "resources.Resources.Rule.Properties.RuleName", "Rename it, e.g. 'my_rule'");
        }
    }

    @ParameterizedTest
    @CsvSource({"hello, HelloLambdaFunction", "hello-world, HelloDashworldLambdaFunction",
            "snake_case, SnakeUnderscorecaseLambdaFunction", "Already, AlreadyLambdaFunction"})
    void logicalIdsFollowServerlessNormalisation(String key, String logicalId) {
        assertThat(TopicRuleResourceReader.logicalId(key)).isEqualTo(logicalId);
    }
}
