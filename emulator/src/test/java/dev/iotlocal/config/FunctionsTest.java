package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, provider inheritance, environment merging and artifacts. */
class FunctionsTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Nested
    class Defaults {

        @Test
        void serverlessDefaultsWhenNothingIsSet() {
            ServiceDefinition service = fixture.load(HEADER + "functions:\n  f: {handler: a.B}\n");
            FunctionDefinition f = service.function("f").orElseThrow();

            assertThat(service.stage()).isEqualTo("dev");
            assertThat(service.region()).isEqualTo("us-east-1");
            assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(6));
            assertThat(f.memorySizeMb()).isEqualTo(1024);
            assertThat(f.environment()).isEmpty();
            assertThat(f.artifact()).isEmpty();
            assertThat(f.httpEvents()).isEmpty();
            assertThat(f.deployedName()).isEqualTo("demo-dev-f");
            assertThat(service.topicRules()).isEmpty();
        }

        @Test
        void providerStageAndRegionApplyWithoutOptions() {
            ServiceDefinition service = fixture.load("service: demo\nprovider: {name: aws, stage: test, region: eu-west-3}\n");
            assertThat(service.stage()).isEqualTo("test");
            assertThat(service.region()).isEqualTo("eu-west-3");
        }

        @Test
        void commandLineOverridesProviderStageAndRegion() {
            ServiceDefinition service = fixture.load("service: demo\nprovider: {name: aws, stage: test, region: eu-west-3}\n",
                    LoadOptions.defaults().withStage("prod").withRegion("ap-south-1"));
            assertThat(service.stage()).isEqualTo("prod");
            assertThat(service.region()).isEqualTo("ap-south-1");
        }

        @Test
        void providerTimeoutAndMemoryApplyAndFunctionLevelWins() {
            ServiceDefinition service = fixture.load(HEADER + """
                      timeout: 20
                      memorySize: 256
                    functions:
                      inherits: {handler: a.B}
                      overrides: {handler: a.B, timeout: 900, memorySize: 10240}
                    """);
            assertThat(service.function("inherits").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(service.function("inherits").orElseThrow().memorySizeMb()).isEqualTo(256);
            assertThat(service.function("overrides").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(900));
            assertThat(service.function("overrides").orElseThrow().memorySizeMb()).isEqualTo(10240);
        }

        @Test
        void noFunctionsIsAValidService() {
            assertThat(fixture.load(HEADER).functions()).isEmpty();
            assertThat(fixture.load(HEADER + "functions:\n").functions()).isEmpty();
        }

        @Test
        void functionsKeepTheirFileOrder() {
            ServiceDefinition service = fixture.load(HEADER + "functions:\n  zeta: {handler: a.B}\n  alpha: {handler: a.B}\n");
            assertThat(service.functions()).extracting(FunctionDefinition::key).containsExactly("zeta", "alpha");
            assertThat(service.function("missing")).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        @Test
        void reservedConcurrencyAndRetryAttemptsAreReadWhenSet() {
            ServiceDefinition service = fixture.load(HEADER + "functions:\n  f: {handler: a.B, reservedConcurrency: 5,"
                    + " maximumRetryAttempts: 0}\n  g: {handler: a.B}\n");

            assertThat(service.function("f").orElseThrow().reservedConcurrency()).hasValue(5);
            assertThat(service.function("f").orElseThrow().maximumRetryAttempts()).hasValue(0);
            assertThat(service.function("g").orElseThrow().reservedConcurrency()).isEmpty();
            assertThat(service.function("g").orElseThrow().maximumRetryAttempts()).isEmpty();
        }

        @Test
        void retryAttemptsAboveLambdasTwoAreRefusedWithTheLine() {
            ConfigException e = fixture.failure(HEADER + "functions:\n  f:\n    handler: a.B\n    maximumRetryAttempts: 3\n");

            ConfigFixture.assertError(e, 7, "functions.f.maximumRetryAttempts", "0, 1 or 2");
            assertThat(e.getMessage()).contains("maximumRetryAttempts must be a whole number from 0 to 2");
        }
    }

    @Nested
    class Environment {

        @Test
        void providerEnvironmentIsMergedAndTheFunctionWins() {
            FunctionDefinition f = fixture.load(HEADER + """
                      environment:
                        SHARED: provider
                        ONLY_PROVIDER: p
                    functions:
                      f:
                        handler: a.B
                        environment:
                          SHARED: function
                          ONLY_FUNCTION: f
                    """).function("f").orElseThrow();
            assertThat(f.environment()).isEqualTo(Map.of("SHARED", "function", "ONLY_PROVIDER", "p", "ONLY_FUNCTION", "f"));
        }

        @Test
        void scalarsBecomeStringsAsCloudFormationSendsThem() {
            FunctionDefinition f = fixture.load(HEADER + """
                    functions:
                      f:
                        handler: a.B
                        environment:
                          INT: 30
                          FLOAT: 1.50
                          BOOL: true
                          HEX: 0x1F
                          QUOTED: '007'
                          EMPTY: ''
                          WORD_YES: yes
                          DATE: 2016-03-23
                    """).function("f").orElseThrow();
            assertThat(f.environment()).containsEntry("INT", "30")
                    .containsEntry("FLOAT", "1.5")
                    .containsEntry("BOOL", "true")
                    .containsEntry("HEX", "31")
                    .containsEntry("QUOTED", "007")
                    .containsEntry("EMPTY", "")
                    .as("YAML 1.2, as serverless reads it: yes and dates stay text")
                    .containsEntry("WORD_YES", "yes")
                    .containsEntry("DATE", "2016-03-23");
        }
    }

    @Nested
    class Artifacts {

        @Test
        void serviceArtifactIsResolvedAgainstTheFileFolder() {
            ServiceDefinition service = fixture.load(HEADER + """
                    package:
                      artifact: target/app.jar
                    functions:
                      f: {handler: a.B}
                    """);
            assertThat(service.function("f").orElseThrow().artifact()).contains(dir.resolve("target/app.jar").toAbsolutePath().normalize());
        }

        @Test
        void functionArtifactWins() {
            ServiceDefinition service = fixture.load(HEADER + """
                    package:
                      artifact: target/app.jar
                      individually: true
                    functions:
                      own: {handler: a.B, package: {artifact: ../other/own.jar}}
                      shared: {handler: a.B, package: {patterns: ['!node_modules/**']}}
                    """);
            assertThat(service.function("own").orElseThrow().artifact())
                    .contains(dir.getParent().resolve("other/own.jar").toAbsolutePath().normalize());
            assertThat(service.function("shared").orElseThrow().artifact())
                    .contains(dir.resolve("target/app.jar").toAbsolutePath().normalize());
            assertThat(service.warnings()).isEmpty();
        }

        @Test
        void absoluteArtifactStaysAsItIs() {
            Path jar = dir.resolve("elsewhere/app.jar").toAbsolutePath();
            ServiceDefinition service = fixture.load(HEADER + "package:\n  artifact: '" + jar + "'\nfunctions:\n  f: {handler: a.B}\n");
            assertThat(service.function("f").orElseThrow().artifact()).contains(jar);
        }
    }

    @Nested
    class Names {

        @ParameterizedTest
        @ValueSource(strings = {"foobar.MqttHandler", "foobar.MqttHandler::handleRequest", "a.b.c.Outer$Inner::run"})
        void javaHandlersAreAccepted(String handler) {
            FunctionDefinition f = fixture.load(HEADER + "functions:\n  f: {handler: '" + handler + "'}\n").function("f").orElseThrow();
            assertThat(f.handler()).isEqualTo(handler);
        }

        @Test
        void deployedNameIsServiceStageKeyUnlessNameIsSet() {
            ServiceDefinition service = fixture.load(HEADER + """
                    functions:
                      my-fn_1: {handler: a.B}
                      named: {handler: a.B, name: custom-name}
                    """, LoadOptions.defaults().withStage("qa"));
            assertThat(service.function("my-fn_1").orElseThrow().deployedName()).isEqualTo("demo-qa-my-fn_1");
            assertThat(service.function("named").orElseThrow().deployedName()).isEqualTo("custom-name");
        }

        @Test
        void functionLocationIsItsKey() {
            FunctionDefinition f = fixture.load(HEADER + "functions:\n  f:\n    handler: a.B\n").function("f").orElseThrow();
            assertThat(f.location().toString()).isEqualTo("serverless.yml:5:3 (functions.f)");
        }
    }
}
