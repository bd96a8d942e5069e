package dev.iotlocal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public records: immutable copies, their own checks, and how locations print. */
class RecordsTest {

    private static final SourceLocation AT = new SourceLocation(Path.of("/work/app/serverless.yml"), 12, 5,
            "functions.mqtt.events[0].iot.sql");

    @Test
    void locationPrintsFileNameLineColumnAndKeyPath() {
        assertThat(AT).hasToString("serverless.yml:12:5 (functions.mqtt.events[0].iot.sql)");
        assertThat(SourceLocation.of(Path.of("/work/app/serverless.yml"))).hasToString("serverless.yml");
        assertThatThrownBy(() -> new SourceLocation(Path.of("x"), -1, 1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configExceptionStartsWithTheLocation() {
        ConfigException e = new ConfigException(AT, "the SQL does not parse. Put the topic in single quotes.");
        assertThat(e.getMessage()).isEqualTo("serverless.yml:12:5 (functions.mqtt.events[0].iot.sql): "
                + "the SQL does not parse. Put the topic in single quotes.");
        assertThat(e.location()).isEqualTo(AT);
        assertThat(e.problem()).isEqualTo("the SQL does not parse. Put the topic in single quotes.");
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        Map<String, String> environment = new HashMap<>(Map.of("KEY", "value"));
        List<HttpEventDefinition> events = new ArrayList<>();
        FunctionDefinition function = new FunctionDefinition("f", "demo-dev-f", "a.B", Duration.ofSeconds(6), 1024,
                environment, Optional.empty(), events, AT);
        environment.put("OTHER", "x");
        events.add(new HttpEventDefinition("GET", "/", Optional.empty(), AT));

        assertThat(function.environment()).containsOnlyKeys("KEY");
        assertThat(function.httpEvents()).isEmpty();
        assertThatThrownBy(() -> function.environment().put("A", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> function.httpEvents().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsRefuseValuesAwsWouldRefuse() {
        assertThatThrownBy(() -> new FunctionDefinition("f", "n", "a.B", Duration.ofSeconds(901), 1024, Map.of(),
                Optional.empty(), List.of(), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunctionDefinition("f", "n", "a.B", Duration.ofSeconds(6), 64, Map.of(),
                Optional.empty(), List.of(), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRuleDefinition("bad-name", "SELECT 1 FROM 'a'", "2015-10-08", true, "",
                List.of(), Optional.empty(), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicRuleDefinition("ok", "SELECT 1 FROM 'a'", "2020-01-01", true, "",
                List.of(), Optional.empty(), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepublishActionDefinition("t", 2, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpEventDefinition("GET", "/x/", Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpEventDefinition("get", "/x", Optional.empty(), AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleActionsAreASealedSet() {
        RuleActionDefinition action = new UnsupportedActionDefinition("S3", AT);
        String kind;
        if (action instanceof LambdaActionDefinition lambda) {
            kind = "lambda " + lambda.functionKeyOrName();
        } else if (action instanceof RepublishActionDefinition republish) {
            kind = "republish " + republish.topic();
        } else {
            kind = "unsupported " + ((UnsupportedActionDefinition) action).type();
        }
        assertThat(kind).isEqualTo("unsupported S3");
        assertThat(RuleActionDefinition.class.getPermittedSubclasses()).hasSize(3);
    }

    @Test
    void loadOptionsCopyTheEnvironmentAndRefuseBlankValues() {
        Map<String, String> environment = new HashMap<>(Map.of("A", "1"));
        LoadOptions options = LoadOptions.defaults().withEnvironment(environment);
        environment.put("B", "2");
        assertThat(options.environment()).containsOnlyKeys("A");
        assertThat(options.withStage("prod").stage()).contains("prod");
        assertThat(options.withRegion("eu-west-1").region()).contains("eu-west-1");
        assertThatThrownBy(() -> new LoadOptions(Optional.of(" "), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceLooksUpFunctionsByKey() {
        FunctionDefinition f = new FunctionDefinition("f", "demo-dev-f", "a.B", Duration.ofSeconds(6), 1024, Map.of(),
                Optional.empty(), List.of(), AT);
        ServiceDefinition service = new ServiceDefinition(Path.of("serverless.yml"), "demo", "dev", "us-east-1",
                List.of(f), List.of(), List.of());
        assertThat(service.function("f")).contains(f);
        assertThat(service.function("demo-dev-f")).as("deployed names are not keys").isEmpty();
    }
}
