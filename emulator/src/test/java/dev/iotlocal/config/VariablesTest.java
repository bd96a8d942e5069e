package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static dev.iotlocal.config.ConfigFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Variables as serverless resolves them: ${self:...}, ${opt:...}, ${env:...}, ${sls:stage}, with fallbacks. */
class VariablesTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    /** A function whose environment value X is the given YAML, and the loaded value. */
    private String envValue(String yamlValue, LoadOptions options) {
        ServiceDefinition service = fixture.load(HEADER + """
                custom:
                  name: world
                  port: 8080
                  nested: {deep: {value: found}}
                  list: [zero, one]
                  dev: {memory: 256}
                functions:
                  f:
                    handler: a.B
                    environment:
                      VALUE: %s
                """.formatted(yamlValue), options);
        return service.function("f").orElseThrow().environment().get("VALUE");
    }

    private String envValue(String yamlValue) {
        return envValue(yamlValue, LoadOptions.defaults());
    }

    @Nested
    class Sources {

        @Test
        void selfReadsAnyPathOfTheFile() {
            assertThat(envValue("${self:custom.name}")).isEqualTo("world");
            assertThat(envValue("${self:custom.nested.deep.value}")).isEqualTo("found");
            assertThat(envValue("${self:service}")).isEqualTo("demo");
        }

        @Test
        void selfIndexesLists() {
            assertThat(envValue("${self:custom.list.1}")).isEqualTo("one");
        }

        @Test
        void optGivesStageAndRegionFromTheCommandLine() {
            LoadOptions options = LoadOptions.defaults().withStage("qa").withRegion("eu-central-1");
            assertThat(envValue("${opt:stage}-${opt:region}", options)).isEqualTo("qa-eu-central-1");
        }

        @Test
        void envReadsTheEnvironmentPassedByTheCaller() {
            LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of("HOST", "example.org"));
            assertThat(envValue("${env:HOST}", options)).isEqualTo("example.org");
        }

        @Test
        void eachLoadUsesOnlyItsOwnEnvironment() {
            LoadOptions a = new LoadOptions(Optional.empty(), Optional.empty(), Map.of("X", "a"));
            LoadOptions b = new LoadOptions(Optional.empty(), Optional.empty(), Map.of("X", "b"));
            assertThat(envValue("${env:X}", a)).isEqualTo("a");
            assertThat(envValue("${env:X}", b)).isEqualTo("b");
        }

        @Test
        void slsStageIsOptionThenProviderThenDev() {
            assertThat(envValue("${sls:stage}")).isEqualTo("dev");
            assertThat(envValue("${sls:stage}", LoadOptions.defaults().withStage("prod"))).isEqualTo("prod");
            ServiceDefinition service = fixture.load("""
                    service: demo
                    provider: {name: aws, stage: test}
                    functions:
                      f: {handler: a.B, environment: {VALUE: '${sls:stage}'}}
                    """);
            assertThat(service.function("f").orElseThrow().environment()).containsEntry("VALUE", "test");
        }

        @Test
        void nestedVariableInAnAddress() {
            assertThat(fixture.load(HEADER + """
                    custom:
                      dev: {memory: 256}
                      prod: {memory: 2048}
                    functions:
                      f: {handler: a.B, memorySize: '${self:custom.${sls:stage}.memory}'}
                    """, LoadOptions.defaults().withStage("prod")).function("f").orElseThrow().memorySizeMb())
                    .isEqualTo(2048);
        }

        @Test
        void selfFollowsVariablesOnTheWay() {
            assertThat(fixture.load(HEADER + """
                    custom:
                      settings: ${self:custom.${sls:stage}}
                      dev: {timeout: 20}
                    functions:
                      f: {handler: a.B, timeout: '${self:custom.settings.timeout}'}
                    """).function("f").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(20));
        }
    }

    @Nested
    class Fallbacks {

        @Test
        void quotedStringFallbacks() {
            assertThat(envValue("${env:MISSING, 'single'}")).isEqualTo("single");
            assertThat(envValue("\"${env:MISSING, \\\"double\\\"}\"")).isEqualTo("double");
            assertThat(envValue("${opt:stage, 'dev, with comma'}")).isEqualTo("dev, with comma");
        }

        @Test
        void numberAndBooleanFallbacks() {
            assertThat(envValue("${env:MISSING, 42}")).isEqualTo("42");
            assertThat(envValue("${env:MISSING, 1.5}")).isEqualTo("1.5");
            assertThat(envValue("${env:MISSING, true}")).isEqualTo("true");
        }

        @Test
        void nestedVariableFallback() {
            LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of("SECOND", "second"));
            assertThat(envValue("${env:FIRST, ${env:SECOND}}", options)).isEqualTo("second");
            assertThat(envValue("${env:FIRST, ${env:NONE, 'last'}}")).isEqualTo("last");
        }

        @Test
        void bareSourceFallbacksAreTriedInOrder() {
            assertThat(envValue("${env:FIRST, self:custom.name, 'unused'}")).isEqualTo("world");
        }

        @Test
        void theFirstSourceWithAValueWins() {
            LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of("FIRST", "first"));
            assertThat(envValue("${env:FIRST, 'fallback'}", options)).isEqualTo("first");
            assertThat(envValue("${env:FIRST, 'fallback'}", options.withEnvironment(Map.of("FIRST", ""))))
                    .as("an empty value is a value").isEmpty();
        }
    }

    @Nested
    class Types {

        @Test
        void wholeValueVariableKeepsTheReferencedType() {
            FunctionDefinition f = fixture.load(HEADER + """
                    custom:
                      timeout: 30
                      env: {ONE: one, TWO: two}
                    functions:
                      f: {handler: a.B, timeout: '${self:custom.timeout}', environment: '${self:custom.env}'}
                    """).function("f").orElseThrow();
            assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(f.environment()).isEqualTo(Map.of("ONE", "one", "TWO", "two"));
        }

        @Test
        void variablesInsideTextBecomeText() {
            assertThat(envValue("foobar-${opt:stage, 'dev'}-${self:custom.port}")).isEqualTo("foobar-dev-8080");
        }

        @Test
        void numbersFromTheEnvironmentAreAcceptedWhereNumbersAreExpected() {
            ServiceDefinition service = fixture.load(HEADER + """
                    functions:
                      f: {handler: a.B, timeout: '${env:TIMEOUT, 6}', memorySize: '${env:MEMORY, 512}'}
                    """, LoadOptions.defaults().withEnvironment(Map.of("TIMEOUT", "25")));
            assertThat(service.function("f").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(25));
            assertThat(service.function("f").orElseThrow().memorySizeMb()).isEqualTo(512);
        }

        @Test
        void resolvedTextIsNotResolvedAgain() {
            LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of("TEMPLATE", "${opt:stage}"));
            assertThat(envValue("${env:TEMPLATE}", options)).isEqualTo("${opt:stage}");
        }

        @Test
        void cloudFormationSubstitutionsAreNotVariables() {
            assertThat(envValue("'arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${Thing.Name}'"))
                    .isEqualTo("arn:aws:iot:${AWS::Region}:${AWS::AccountId}:topic/${Thing.Name}");
        }
    }

    @Nested
    class Errors {

        @Test
        void missingEnvironmentVariableNamesItAndTheFix() {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f:
                        handler: a.B
                        environment:
                          HOST: ${env:IOT_HOST}
                    """);
            assertError(e, 8, "functions.f.environment.HOST", "add a fallback such as ${env:NAME, 'value'}");
            assertThat(e.getMessage()).contains("${env:IOT_HOST}", "IOT_HOST is not set");
        }

        @Test
        void missingOptionWithoutFallback() {
            ConfigException e = fixture.failure("""
                    service: demo
                    provider:
                      name: aws
                      stage: ${opt:stage}
                    """);
            assertError(e, 4, "provider.stage", "${opt:stage, 'dev'}");
            assertThat(e.getMessage()).contains("no --stage option was given");
        }

        @Test
        void missingSelfPath() {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f: {handler: '${self:custom.handler}'}
                    """);
            assertError(e, 5, "functions.f.handler", "Add the value to serverless.yml");
            assertThat(e.getMessage()).contains("no value at 'custom.handler'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ssm:/demo/host", "cf:stack.Output", "s3:bucket/key", "file(./other.yml):host",
                "aws:accountId", "param:host"})
        void unsupportedSourcesAreRefusedWithTheFix(String variable) {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f:
                        handler: a.B
                        environment: {HOST: '${%s}'}
                    """.formatted(variable));
            assertError(e, 7, "functions.f.environment.HOST",
                    "not supported by iotlocal: replace with a literal or ${env:...}");
        }

        @Test
        void unsupportedSourceInAFallbackIsRefusedToo() {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f: {handler: a.B, environment: {HOST: '${env:HOST, ssm:/demo/host}'}}
                    """);
            assertThat(e.getMessage()).contains("'ssm'", "not supported by iotlocal");
        }

        @Test
        void unusedSectionsMayUseUnsupportedSources() {
            ServiceDefinition service = fixture.load(HEADER + """
                      iam:
                        role: ${ssm:/roles/lambda}
                    custom:
                      secret: ${ssm:/demo/secret}
                    functions:
                      f: {handler: a.B}
                    """);
            assertThat(service.functions()).hasSize(1);
        }

        @Test
        void selfReferenceCycleIsDetected() {
            ConfigException e = fixture.failure(HEADER + """
                    custom:
                      a: ${self:custom.b}
                      b: ${self:custom.a}
                    functions:
                      f: {handler: a.B, environment: {VALUE: '${self:custom.a}'}}
                    """);
            assertThat(e.getMessage()).contains("cycle", "custom.a -> custom.b -> custom.a", "literal value");
            assertThat(e.location().line()).isGreaterThan(0);
        }

        @Test
        void stageReferringToItselfIsACycle() {
            ConfigException e = fixture.failure("""
                    service: demo
                    provider:
                      name: aws
                      stage: ${sls:stage}
                    """);
            assertError(e, 4, "provider.stage", "Give one of them a literal value");
        }

        @Test
        void mapInsideTextIsRefused() {
            ConfigException e = fixture.failure(HEADER + """
                    custom:
                      env: {A: 1}
                    functions:
                      f: {handler: a.B, environment: {VALUE: 'prefix-${self:custom.env}'}}
                    """);
            assertError(e, 7, "functions.f.environment.VALUE", "use it as the whole value");
        }

        @Test
        void unclosedVariableIsASyntaxError() {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f: {handler: a.B, environment: {VALUE: '${env:A'}}
                    """);
            assertError(e, 5, "functions.f.environment.VALUE", "no closing '}'");
        }

        @Test
        void unquotedWordAsFallbackIsASyntaxError() {
            ConfigException e = fixture.failure(HEADER + """
                    functions:
                      f: {handler: a.B, environment: {VALUE: '${env:A, dev}'}}
                    """);
            assertError(e, 5, "functions.f.environment.VALUE", "Quote text ('dev')");
        }
    }
}
