package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static dev.iotlocal.config.ConfigFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mistake is reported at its line and key path with a way to fix it. */
class ValidationTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    static Stream<Arguments> functionMistakes() {
        return Stream.of(
                Arguments.of("no handler", "f: {timeout: 3}", 5, "functions.f", "Add 'handler: package.Class'"),
                Arguments.of("empty function", "f:", 5, "functions.f", "Add 'handler: package.Class'"),
                Arguments.of("handler without package", "f: {handler: Handler}", 5, "functions.f.handler",
                        "Write package.Class or package.Class::method"),
                Arguments.of("node-style handler path", "f: {handler: src/handler.main}", 5, "functions.f.handler",
                        "package.Class::method"),
                Arguments.of("handler with empty method", "f: {handler: 'a.B::'}", 5, "functions.f.handler",
                        "package.Class::method"),
                Arguments.of("zero timeout", "f: {handler: a.B, timeout: 0}", 5, "functions.f.timeout",
                        "Lambda allows at most 900"),
                Arguments.of("timeout above Lambda's maximum", "f: {handler: a.B, timeout: 901}", 5,
                        "functions.f.timeout", "at most 900"),
                Arguments.of("fractional timeout", "f: {handler: a.B, timeout: 2.5}", 5, "functions.f.timeout",
                        "whole number from 1 to 900"),
                Arguments.of("text timeout", "f: {handler: a.B, timeout: soon}", 5, "functions.f.timeout",
                        "whole number"),
                Arguments.of("memory too small", "f: {handler: a.B, memorySize: 64}", 5, "functions.f.memorySize",
                        "128 to 10240"),
                Arguments.of("memory too large", "f: {handler: a.B, memorySize: 10241}", 5, "functions.f.memorySize",
                        "128 to 10240"),
                Arguments.of("environment value is a map", "f: {handler: a.B, environment: {CONF: {a: 1}}}", 5,
                        "functions.f.environment.CONF", "Write it as one quoted string"),
                Arguments.of("environment value is a list", "f: {handler: a.B, environment: {CONF: [1, 2]}}", 5,
                        "functions.f.environment.CONF", "Write it as one quoted string"),
                Arguments.of("environment value is a CloudFormation function",
                        "f: {handler: a.B, environment: {TABLE: !Ref Table}}", 5, "functions.f.environment.TABLE",
                        "Replace it with a literal or ${env:...}"),
                Arguments.of("empty environment value", "f: {handler: a.B, environment: {TABLE: }}", 5,
                        "functions.f.environment.TABLE", "Write '' for an empty string"),
                Arguments.of("reserved environment name", "f: {handler: a.B, environment: {AWS_REGION: x}}", 5,
                        "functions.f.environment.AWS_REGION", "Remove it or use another name"),
                Arguments.of("invalid environment name", "f: {handler: a.B, environment: {MY-VAR: x}}", 5,
                        "functions.f.environment.MY-VAR", "Rename it"),
                Arguments.of("function name with a dot", "my.fn: {handler: a.B}", 5, "functions.my.fn", "Rename it"),
                Arguments.of("deployed name too long", "f: {handler: a.B, name: " + "x".repeat(65) + "}", 5,
                        "functions.f.name", "Shorten it"),
                Arguments.of("events not a list", "f: {handler: a.B, events: {http: GET /}}", 5, "functions.f.events",
                        "must be a list"),
                Arguments.of("event settings not indented", "f: {handler: a.B, events: [{http: null, path: /}]}", 5,
                        "functions.f.events[0]", "Indent the event's settings under its type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionMistakes")
    void functionMistake(String what, String function, int line, String keyPath, String fix) {
        ConfigException e = fixture.failure(HEADER + "functions:\n  " + function + "\n");
        assertError(e, line, keyPath, fix);
    }

    static Stream<Arguments> httpMistakes() {
        return Stream.of(
                Arguments.of("no path", "{method: get}", "functions.f.events[0].http", "Add 'path: /something'"),
                Arguments.of("no method", "{path: /x}", "functions.f.events[0].http", "Add 'method: get'"),
                Arguments.of("unknown method", "{path: /x, method: fetch}", "functions.f.events[0].http.method",
                        "Use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY"),
                Arguments.of("short form without path", "GET", "functions.f.events[0].http", "'http: GET /hello'"),
                Arguments.of("short form with bad method", "FETCH /x", "functions.f.events[0].http", "Use one of"),
                Arguments.of("cors neither boolean nor map", "{path: /x, method: get, cors: maybe}",
                        "functions.f.events[0].http.cors", "must be true or false"),
                Arguments.of("path with query", "{path: '/x?a=1', method: get}", "functions.f.events[0].http.path",
                        "Write only the path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpMistakes")
    void httpMistake(String what, String event, String keyPath, String fix) {
        ConfigException e = fixture.failure(HEADER + "functions:\n  f:\n    handler: a.B\n    events:\n      - http: "
                + event + "\n");
        assertError(e, 8, keyPath, fix);
    }

    static Stream<Arguments> iotMistakes() {
        return Stream.of(
                Arguments.of("no sql", "{name: r1}", "functions.f.events[0].iot", "Add e.g. sql:"),
                Arguments.of("unknown sqlVersion", "{sql: \"SELECT * FROM 't'\", sqlVersion: '2017-01-01'}",
                        "functions.f.events[0].iot.sqlVersion", "Use '2016-03-23' (recommended)"),
                Arguments.of("rule name with a dash", "{sql: \"SELECT * FROM 't'\", name: my-rule}",
                        "functions.f.events[0].iot.name", "Rename it, e.g. 'my_rule'"),
                Arguments.of("rule name too long", "{sql: \"SELECT * FROM 't'\", name: " + "r".repeat(129) + "}",
                        "functions.f.events[0].iot.name", "1 to 128 characters"),
                Arguments.of("enabled not boolean", "{sql: \"SELECT * FROM 't'\", enabled: sometimes}",
                        "functions.f.events[0].iot.enabled", "must be true or false"),
                Arguments.of("empty sql", "{sql: ''}", "functions.f.events[0].iot.sql", "Give it a value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("iotMistakes")
    void iotMistake(String what, String event, String keyPath, String fix) {
        ConfigException e = fixture.failure(HEADER + "functions:\n  f:\n    handler: a.B\n    events:\n      - iot: "
                + event + "\n");
        assertError(e, 8, keyPath, fix);
    }

    @Test
    void serviceNameIsRequired() {
        ConfigException e = fixture.failure("provider:\n  name: aws\nfunctions: {}\n");
        assertError(e, 1, "service", "Add 'service: my-service'");
    }

    @Test
    void serviceNameMustBeValid() {
        assertError(fixture.failure("service: my_service\nprovider: {name: aws}\n"), 1, "service", "Rename it");
    }

    @Test
    void serviceObjectFormOfServerlessV2IsRefused() {
        assertError(fixture.failure("service:\n  name: demo\nprovider: {name: aws}\n"), 2, "service",
                "Write 'service: my-service'");
    }

    @Test
    void providerMustBeAws() {
        assertError(fixture.failure("service: demo\nprovider:\n  name: google\n"), 3, "provider.name", "Use 'name: aws'");
        assertError(fixture.failure("service: demo\n"), 1, "provider", "Add 'provider:'");
    }

    @Test
    void providerTimeoutAndMemoryAreCheckedWhereTheyAreWritten() {
        assertError(fixture.failure(HEADER + "  timeout: 1000\n"), 4, "provider.timeout", "at most 900");
        assertError(fixture.failure(HEADER + "  memorySize: 100\n"), 4, "provider.memorySize", "128 to 10240");
        assertError(fixture.failure(HEADER + "  environment: [A]\n"), 4, "provider.environment", "must be a map");
    }

    @Test
    void invalidStageNamesTheOption() {
        ConfigException e = fixture.failure(HEADER, LoadOptions.defaults().withStage("my stage"));
        assertThat(e.getMessage()).contains("'my stage' given with --stage", "letters, digits and '-'");
    }

    @Test
    void aStageLongerThanApiGatewayAllowsIsRefusedWhereItIsWritten() {
        assertThat(fixture.load(HEADER + "  stage: " + "s".repeat(128) + "\n").stage()).hasSize(128);
        assertError(fixture.failure(HEADER + "  stage: " + "s".repeat(129) + "\n"), 4, "provider.stage", "at most 128");
    }

    @Test
    void duplicateRuleNamesNameBothPlaces() {
        ConfigException e = fixture.failure(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - iot: {name: same, sql: "SELECT * FROM 'a'"}
                  g:
                    handler: a.C
                    events:
                      - iot: {name: same, sql: "SELECT * FROM 'b'"}
                """);
        assertError(e, 12, "functions.g.events[0].iot.name", "Rename one of the rules");
        assertThat(e.getMessage()).contains("already used at serverless.yml:8:");
    }

    @Test
    void duplicateRoutesAreRefusedLikeApiGatewayDoes() {
        ConfigException e = fixture.failure(HEADER + """
                functions:
                  f: {handler: a.B, events: [{http: GET /users}]}
                  g: {handler: a.C, events: [{http: {path: users/, method: get}}]}
                """);
        assertError(e, 6, "functions.g.events[0].http", "Give each method and path one function");
    }

    @Test
    void remoteArtifactIsRefused() {
        ConfigException e = fixture.failure(HEADER + "package:\n  artifact: s3://bucket/app.jar\n");
        assertError(e, 5, "package.artifact", "Point package.artifact at the local file");
    }
}
