package dev.iotlocal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example service in handlers/serverless.yml, read from the repository as users run it. */
class ExampleServiceTest {

    /** Surefire runs in the module folder and says so in "basedir"; the example lives next to this module. */
    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", ".")).resolve("../handlers/serverless.yml");

    @Test
    void loadsWithoutWarningsWithDefaults() {
        ServiceDefinition service = ServerlessConfig.load(EXAMPLE, LoadOptions.defaults());

        assertThat(service.file()).isEqualTo(EXAMPLE.toAbsolutePath().normalize());
        assertThat(service.service()).isEqualTo("foobar");
        assertThat(service.stage()).isEqualTo("dev");
        assertThat(service.region()).isEqualTo("us-east-1");
        assertThat(service.warnings()).isEmpty();
        assertThat(service.functions()).extracting(FunctionDefinition::key).containsExactly("session", "mqtt", "hello");
    }

    @Test
    void sessionFunctionServesGetOnTheRootWithCors() {
        FunctionDefinition session = ServerlessConfig.load(EXAMPLE, LoadOptions.defaults()).function("session").orElseThrow();

        Path jar = EXAMPLE.toAbsolutePath().normalize().getParent().resolve("target/foobar-handlers.jar");
        assertThat(session.deployedName()).isEqualTo("foobar-dev-session");
        assertThat(session.handler()).isEqualTo("foobar.SessionHandler");
        assertThat(session.timeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(session.memorySizeMb()).isEqualTo(512);
        assertThat(session.artifact()).contains(jar);
        assertThat(session.environment())
                .isEqualTo(Map.of("AWS_IOT_HOST", "replace-me-ats.iot.us-east-1.amazonaws.com"));
        assertThat(session.httpEvents()).singleElement().satisfies(http -> {
            assertThat(http.method()).isEqualTo("GET");
            assertThat(http.path()).isEqualTo("/");
            assertThat(http.cors()).contains(CorsDefinition.defaults());
            assertThat(http.location().toString()).isEqualTo("serverless.yml:33:11 (functions.session.events[0].http)");
        });
    }

    @Test
    void iotEventsBecomeRulesInvokingTheirFunction() {
        ServiceDefinition service = ServerlessConfig.load(EXAMPLE, LoadOptions.defaults());

        assertThat(service.function("mqtt").orElseThrow().environment())
                .containsEntry("IDLE_TIMEOUT_SECONDS", "30")
                .containsKey("AWS_IOT_HOST");
        assertThat(service.function("mqtt").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(service.topicRules()).hasSize(2);
        TopicRuleDefinition session = service.topicRules().get(0);
        assertThat(session.name()).isEqualTo("foobarSession");
        assertThat(session.sql()).isEqualTo("SELECT * FROM 'foobar/session'");
        assertThat(session.sqlVersion()).isEqualTo("2016-03-23");
        assertThat(session.enabled()).isTrue();
        assertThat(session.description()).isEmpty();
        assertThat(session.errorAction()).isEmpty();
        assertThat(session.sqlLocation().toString()).isEqualTo("serverless.yml:47:16 (functions.mqtt.events[0].iot.sql)");
        assertThat(session.actions()).singleElement().isInstanceOfSatisfying(LambdaActionDefinition.class,
                lambda -> assertThat(lambda.functionKeyOrName()).isEqualTo("mqtt"));

        TopicRuleDefinition hello = service.topicRules().get(1);
        assertThat(hello.name()).isEqualTo("foobarHello");
        assertThat(hello.sqlVersion()).as("AWS's default").isEqualTo("2015-10-08");
        assertThat(hello.actions()).extracting(a -> ((LambdaActionDefinition) a).functionKeyOrName()).containsExactly("hello");
    }

    @Test
    void stageRegionAndEnvironmentComeFromTheCaller() {
        LoadOptions options = new LoadOptions(Optional.of("prod"), Optional.of("eu-west-1"),
                Map.of("AWS_IOT_HOST", "abc-ats.iot.eu-west-1.amazonaws.com"));

        ServiceDefinition service = ServerlessConfig.load(EXAMPLE, options);

        assertThat(service.stage()).isEqualTo("prod");
        assertThat(service.region()).isEqualTo("eu-west-1");
        assertThat(service.functions()).extracting(FunctionDefinition::deployedName)
                .isEqualTo(List.of("foobar-prod-session", "foobar-prod-mqtt", "foobar-prod-hello"));
        assertThat(service.function("hello").orElseThrow().environment())
                .containsEntry("AWS_IOT_HOST", "abc-ats.iot.eu-west-1.amazonaws.com");
    }
}
