package dev.iotlocal.it;

import dev.iotlocal.junit.TestMqttClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudFormation-declared topic rules (resources/rules/serverless.yml) driven through the broker by MQTT clients:
 * a Republish action with a substitution template, Lambda actions with the SELECT result, and error actions.
 */
class RulesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READING = "{\"temperature\":35,\"unit\":\"C\"}";

    private IotLocal iot;
    private TestMqttClient device;
    private TestMqttClient dashboard;

    @BeforeEach
    void start() throws Exception {
        Path config = Path.of(RulesIT.class.getResource("/rules/serverless.yml").toURI());
        iot = IotLocal.builder().config(config).edgePort(0).mqttPort(0).build().start();
        String broker = "tcp://127.0.0.1:" + iot.mqttPort();
        dashboard = TestMqttClient.connect(broker, "dashboard");
        dashboard.subscribe("alerts/#");
        dashboard.subscribe("errors/#");
        device = TestMqttClient.connect(broker, "sensor-7");
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
        dashboard.close();
        iot.close();
    }

    private static JsonNode eventOf(Invocation invocation) throws Exception {
        return JSON.readTree(invocation.event());
    }

    @Test
    void republishesToTheSubstitutedTopicWhereSubscribersAndRulesSeeIt() throws Exception {
        device.publish("devices/d-7/telemetry", "{\"temperature\":20}"); // WHERE turns it away
        device.publish("devices/d-7/telemetry", READING);

        TestMqttClient.Message alert = dashboard.takeMessage(WAIT);
        assertThat(alert.topic()).isEqualTo("alerts/d-7");
        assertThat(JSON.readTree(alert.payloadAsString())).isEqualTo(JSON.readTree("{\"temperature\":35,\"device\":\"d-7\"}"));

        JsonNode audited = eventOf(iot.takeInvocation("audit", WAIT).orElseThrow());
        assertThat(audited).isEqualTo(JSON.readTree("{\"temperature\":35,\"device\":\"d-7\",\"via\":\"alerts/d-7\"}"));
        assertThat(iot.takeInvocation("audit", Duration.ofMillis(300))).as("one alert only").isEmpty();
    }

    @Test
    void invokesTheFunctionAsynchronouslyWithTheSelectResult() throws Exception {
        device.publish("devices/d-7/telemetry", READING);

        Invocation invocation = iot.takeInvocation("record", WAIT).orElseThrow();
        assertThat(invocation.type()).isEqualTo(Invocation.InvocationType.EVENT);
        assertThat(eventOf(invocation)).isEqualTo(JSON.readTree("{\"doubled\":70,\"client\":\"sensor-7\"}"));
    }

    @Test
    void aFunctionThatCannotBeInvokedRunsTheErrorActionWithAwsMessage() throws Exception {
        device.publish("devices/d-7/telemetry", READING);

        JsonNode error = eventOf(iot.takeInvocation("errors", WAIT).orElseThrow());
        assertThat(error.get("ruleName").asText()).isEqualTo("archive");
        assertThat(error.get("topic").asText()).isEqualTo("devices/d-7/telemetry");
        assertThat(error.get("cloudwatchTraceId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(error.get("clientId").asText()).isEqualTo("sensor-7");
        assertThat(new String(Base64.getDecoder().decode(error.get("base64OriginalPayload").asText()), StandardCharsets.UTF_8))
                .isEqualTo(READING);
        assertThat(error.get("failures")).hasSize(1);
        JsonNode failure = error.get("failures").get(0);
        assertThat(failure.get("failedAction").asText()).isEqualTo("LambdaAction");
        assertThat(failure.get("failedResource").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:archive-not-deployed");
        assertThat(failure.get("errorMessage").asText())
                .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:archive-not-deployed")
                .contains("Message arrived on: devices/d-7/telemetry");
        assertThat(iot.service().warnings()).anySatisfy(w -> assertThat(w)
                .contains("rule archive invokes function 'archive-not-deployed', which this service does not define"));
    }

    @Test
    void aHandlerErrorDoesNotReachTheErrorAction() throws Exception {
        device.publish("jobs/1", "{\"job\":1}");
        device.publish("devices/d-7/telemetry", "{\"temperature\":20}"); // record's function succeeds

        Invocation failed = iot.takeInvocation("broken", WAIT).orElseThrow();
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.result().payloadAsString()).contains("the handler failed");
        assertThat(iot.takeInvocation("record", WAIT)).isPresent();
        assertThat(dashboard.pollMessage(Duration.ofMillis(500))).as("no error action ran").isEmpty();
    }
}
