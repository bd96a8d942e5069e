package dev.iotlocal.config;

import static dev.iotlocal.config.ConfigFixture.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http events: long and short forms, normalised paths and methods, cors. */
class HttpEventsTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    private HttpEventDefinition event(String yaml) {
        return fixture.load(HEADER + "functions:\n  f:\n    handler: a.B\n    events:\n      - http: " + yaml + "\n")
                .function("f").orElseThrow().httpEvents().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {path: /, method: get}                | GET     | /
            {path: '', method: Post}              | POST    | /
            {path: users, method: PUT}            | PUT     | /users
            {path: '/users/{id}/', method: patch} | PATCH   | /users/{id}
            {path: /a//, method: any}             | ANY     | /a
            GET /hello                            | GET     | /hello
            delete items/{id}                     | DELETE  | /items/{id}
            options /                             | OPTIONS | /
            head /x                               | HEAD    | /x
            """)
    void methodAndPathAreNormalised(String yaml, String method, String path) {
        HttpEventDefinition event = event(yaml);
        assertThat(event.method()).isEqualTo(method);
        assertThat(event.path()).isEqualTo(path);
    }

    @Test
    void corsTrueGivesServerlessDefaults() {
        assertThat(event("{path: /, method: get, cors: true}").cors()).contains(CorsDefinition.defaults());
        assertThat(CorsDefinition.defaults().headers()).containsExactly("Content-Type", "X-Amz-Date", "Authorization",
                "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id");
    }

    @Test
    void corsFalseOrAbsentMeansNone() {
        assertThat(event("{path: /, method: get, cors: false}").cors()).isEmpty();
        assertThat(event("{path: /, method: get}").cors()).isEmpty();
        assertThat(event("GET /").cors()).isEmpty();
    }

    @Test
    void corsObjectKeepsWhatItSets() {
        CorsDefinition cors = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - http:
                          path: /
                          method: get
                          cors:
                            origins: [https://a.example, https://b.example]
                            headers: [Content-Type, X-Custom]
                            allowCredentials: true
                            maxAge: 600
                            cacheControl: max-age=600
                """).function("f").orElseThrow().httpEvents().get(0).cors().orElseThrow();
        assertThat(cors).isEqualTo(new CorsDefinition(List.of("https://a.example", "https://b.example"),
                List.of("Content-Type", "X-Custom"), true, Optional.of(600), Optional.of("max-age=600")));
    }

    @Test
    void corsObjectWithSingleOriginTakesDefaultsForTheRest() {
        CorsDefinition cors = event("{path: /, method: get, cors: {origin: 'https://app.example'}}").cors().orElseThrow();
        assertThat(cors.origins()).containsExactly("https://app.example");
        assertThat(cors.headers()).isEqualTo(CorsDefinition.DEFAULT_HEADERS);
        assertThat(cors.allowCredentials()).isFalse();
    }

    @Test
    void ignoredApiGatewaySettingsGiveNoWarning() {
        ServiceDefinition service = fixture.load(HEADER + """
                functions:
                  f:
                    handler: a.B
                    events:
                      - http: {path: /, method: get, private: true, authorizer: aws_iam, integration: lambda-proxy}
                """);
        assertThat(service.warnings()).isEmpty();
    }
}
