package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown keys warn with their place; keys serverless knows but iotlocal ignores do not. */
class WarningsTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void unknownKeysAreWarnedWithLineAndKeyPath() {
        ServiceDefinition service = fixture.load("""
                service: demo
                provdier: {}
                provider:
                  name: aws
                  memorysize: 512
                functions:
                  f:
                    handler: a.B
                    timout: 10
                    events:
                      - http: {path: /, method: get, corss: true}
                      - iot: {sql: "SELECT * FROM 'a'", sqlversion: '2016-03-23'}
                """);
        assertThat(service.warnings()).containsExactly(
                "serverless.yml:2:1 (provdier): unknown key 'provdier' in serverless.yml is ignored by iotlocal. Check its spelling and indentation.",
                "serverless.yml:5:3 (provider.memorysize): unknown key 'memorysize' in provider is ignored by iotlocal. Check its spelling and indentation.",
                "serverless.yml:9:5 (functions.f.timout): unknown key 'timout' in function 'f' is ignored by iotlocal. Check its spelling and indentation.",
                "serverless.yml:11:38 (functions.f.events[0].http.corss): unknown key 'corss' in this http event is ignored by iotlocal. Check its spelling and indentation.",
                "serverless.yml:12:41 (functions.f.events[1].iot.sqlversion): unknown key 'sqlversion' in this iot event is ignored by iotlocal. Check its spelling and indentation.");
        assertThat(service.function("f").orElseThrow().timeout()).as("the misspelt key is not used").hasSeconds(6);
    }

    @Test
    void knownButIgnoredKeysGiveNoWarning() {
        ServiceDefinition service = fixture.load("""
                service: demo
                frameworkVersion: '3'
                plugins: [serverless-offline]
                custom: {anything: [goes, here]}
                useDotenv: true
                provider:
                  name: aws
                  runtime: java17
                  iam: {role: {statements: []}}
                  iamRoleStatements: []
                  deploymentBucket: {name: bucket}
                  tags: {team: iot}
                  logRetentionInDays: 14
                  apiGateway: {minimumCompressionSize: 1024}
                  tracing: {lambda: true}
                package:
                  individually: true
                  patterns: ['!**']
                functions:
                  f:
                    handler: a.B
                    description: does things
                    role: arn:aws:iam::123456789012:role/x
                    layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
                    reservedConcurrency: 5
                    maximumRetryAttempts: 0
                    tags: {a: b}
                resources:
                  Outputs: {}
                  Conditions: {}
                """);
        assertThat(service.warnings()).isEmpty();
    }

    @Test
    void eventsIotlocalDoesNotEmulateAreWarnedAndSkipped() {
        ServiceDefinition service = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - sqs: arn:aws:sqs:us-east-1:123456789012:queue
                      - htpp: GET /
                """);
        assertThat(service.warnings()).containsExactly(
                "serverless.yml:8:9 (functions.f.events[0].sqs): 'sqs' events are not emulated by iotlocal; this event is ignored.",
                "serverless.yml:9:9 (functions.f.events[1].htpp): unknown event type 'htpp' is ignored by iotlocal. iotlocal runs http and iot events.");
        assertThat(service.function("f").orElseThrow().httpEvents()).isEmpty();
    }

    @Test
    void unknownKeysInTopicRuleResourcesAreWarned() {
        ServiceDefinition service = fixture.load(HEADER + """
                functions:
                  f: {handler: a.B}
                resources:
                  Resources:
                    Rule:
                      Type: AWS::IoT::TopicRule
                      Properties:
                        TopicRulePayload:
                          Sql: "SELECT * FROM 'a'"
                          Actions: []
                          SqlVersion: '2016-03-23'
                """);
        assertThat(service.warnings()).singleElement().asString()
                .startsWith("serverless.yml:14:11 (resources.Resources.Rule.Properties.TopicRulePayload.SqlVersion): unknown key 'SqlVersion'");
    }
}
