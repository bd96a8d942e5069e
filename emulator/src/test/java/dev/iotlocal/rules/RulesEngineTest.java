package dev.iotlocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.rules.sql.IotSql;
import dev.iotlocal.rules.sql.SqlVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RulesEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00.123Z");

    record Published(String topic, String payload, int qos) {
    }

    record Invoked(String function, String event) {
    }

    private final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
    private final BlockingQueue<Invoked> invoked = new LinkedBlockingQueue<>();
    private final List<String> missingFunctions = new ArrayList<>();
    private final ActionTargets targets = new ActionTargets(
            (function, event) -> {
                if (missingFunctions.contains(function)) {
                    throw new IllegalStateException("Function not found: " + function);
                }
                invoked.add(new Invoked(function, utf8(event)));
            },
            (topic, payload, qos) -> published.add(new Published(topic, utf8(payload), qos)));
    private RulesEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static IotSql sql(String text) {
        try {
            return IotSql.parse(text, SqlVersion.V2016_03_23);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TopicRule rule(String name, String sql, RuleAction... actions) {
        return new TopicRule(name, sql(sql), true, List.of(actions));
    }

    private static RepublishAction republish(String topic, int qos) {
        return new RepublishAction(SubstitutionTemplate.parse(topic, SqlVersion.V2016_03_23), qos);
    }

    private static LambdaAction lambda(String name) {
        return new LambdaAction(name, "arn:aws:lambda:us-east-1:000000000000:function:" + name);
    }

    private RulesEngine start(TopicRule... rules) {
        engine = new RulesEngine(List.of(rules), "000000000000", targets);
        return engine;
    }

    /** A message from an MQTT client. */
    private static PublishedMessage mqtt(String topic, String payload) {
        return new PublishedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, "sensor-1", "", RECEIVED);
    }

    /** A message the emulator published itself: HTTP publish or republish. */
    private static PublishedMessage http(String topic, String payload) {
        return new PublishedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false, "", "", RECEIVED);
    }

    private Published takePublished() throws InterruptedException {
        Published next = published.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a republished message").isNotNull();
        return next;
    }

    private Invoked takeInvoked() throws InterruptedException {
        Invoked next = invoked.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("an invocation").isNotNull();
        return next;
    }

    @Nested
    class ContextFunctions {

        private static final String SELECT_CONTEXT = "SELECT clientid() AS c, principal() AS p, traceid() AS t,"
                + " timestamp() AS ts, accountid() AS a, topic(2) AS t2, sql_version() AS v, newuuid() AS u FROM 'd/+'";

        @Test
        void ofAMessageFromAnMqttClient() throws Exception {
            start(rule("r", SELECT_CONTEXT, lambda("f"))).onPublish(mqtt("d/7", "{}"));

            JsonNode event = JSON.readTree(takeInvoked().event());
            assertThat(event.get("c").asText()).isEqualTo("sensor-1");
            assertThat(event.get("t").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.get("ts").asLong()).isEqualTo(RECEIVED.toEpochMilli());
            assertThat(event.get("a").asText()).isEqualTo("000000000000");
            assertThat(event.get("t2").asText()).isEqualTo("7");
            assertThat(event.get("v").asText()).isEqualTo("2016-03-23");
            assertThat(event.get("u").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.has("p")).as("principal() is Undefined: an unsigned client over TCP").isFalse();
        }

        @Test
        void principalIsWhoSignedTheMessage() throws Exception {
            start(rule("r", SELECT_CONTEXT, lambda("f"))).onPublish(new PublishedMessage("d/7",
                    "{}".getBytes(StandardCharsets.UTF_8), 1, false, "browser-1", "AKIDEXAMPLE", RECEIVED));

            assertThat(JSON.readTree(takeInvoked().event()).get("p").asText()).isEqualTo("AKIDEXAMPLE");
        }

        @Test
        void ofAMessageNotSentOverMqtt() throws Exception {
            start(rule("r", SELECT_CONTEXT, lambda("f"))).onPublish(http("d/7", "{}"));

            JsonNode event = JSON.readTree(takeInvoked().event());
            assertThat(event.get("c").asText()).isEqualTo("n/a");
            assertThat(event.has("t")).as("traceid() is Undefined when not sent over MQTT").isFalse();
            assertThat(event.get("ts").asLong()).isEqualTo(RECEIVED.toEpochMilli());
        }

        @Test
        void oneTraceIdPerMessageForEveryRule() throws Exception {
            start(rule("one", "SELECT traceid() AS t FROM 'd/+'", lambda("f")),
                    rule("two", "SELECT traceid() AS t FROM 'd/#'", lambda("f")));
            engine.onPublish(mqtt("d/1", "{}"));

            String first = JSON.readTree(takeInvoked().event()).get("t").asText();
            String second = JSON.readTree(takeInvoked().event()).get("t").asText();
            assertThat(first).isEqualTo(second);
        }
    }

    @Nested
    class Republish {

        @Test
        void publishesTheSelectResultToTheSubstitutedTopicWithItsQos() throws Exception {
            start(rule("r", "SELECT temp, topic(2) AS device FROM 'devices/+/telemetry' WHERE temp > 30",
                    republish("alerts/${topic(2)}/${clientid()}", 1)));
            engine.onPublish(mqtt("devices/d-7/telemetry", "{\"temp\":20}"));
            engine.onPublish(mqtt("devices/d-7/telemetry", "{\"temp\":35}"));

            assertThat(takePublished()).isEqualTo(new Published("alerts/d-7/sensor-1", "{\"temp\":35,\"device\":\"d-7\"}", 1));
            assertThat(published.poll(200, TimeUnit.MILLISECONDS)).as("WHERE turned the first message away").isNull();
        }

        @Test
        void selectStarRepublishesThePayloadUnchanged() throws Exception {
            start(rule("r", "SELECT * FROM 'raw'", republish("copy", 0)));
            engine.onPublish(mqtt("raw", "not json \u00ff"));

            assertThat(takePublished()).isEqualTo(new Published("copy", "not json \u00ff", 0));
        }

        @Test
        void toAReservedShadowTopicWrittenWithDoubleDollar() throws Exception {
            start(rule("r", "SELECT state FROM 'things/+/desired'", republish("$$aws/things/${topic(2)}/shadow/update", 0)));
            engine.onPublish(mqtt("things/lamp/desired", "{\"state\":{\"on\":true}}"));

            assertThat(takePublished().topic()).isEqualTo("$aws/things/lamp/shadow/update");
        }
    }

    @Nested
    class ErrorAction {

        @Test
        void hearsOfAFailedInvocationWithAwsMessage() throws Exception {
            missingFunctions.add("gone");
            String payload = "{\"temp\":35}";
            start(new TopicRule("alarm", sql("SELECT temp FROM 'devices/+'"), true, List.of(lambda("gone")),
                    Optional.of(republish("errors/${topic(2)}", 1))));
            engine.onPublish(mqtt("devices/d-7", payload));

            Published error = takePublished();
            assertThat(error.topic()).isEqualTo("errors/d-7");
            assertThat(error.qos()).isEqualTo(1);
            JsonNode message = JSON.readTree(error.payload());
            assertThat(message.fieldNames()).toIterable().containsExactly("ruleName", "topic", "cloudwatchTraceId",
                    "clientId", "base64OriginalPayload", "failures");
            assertThat(message.get("ruleName").asText()).isEqualTo("alarm");
            assertThat(message.get("topic").asText()).isEqualTo("devices/d-7");
            assertThat(message.get("cloudwatchTraceId").asText()).matches("[0-9a-f-]{36}");
            assertThat(message.get("clientId").asText()).isEqualTo("sensor-1");
            assertThat(Base64.getDecoder().decode(message.get("base64OriginalPayload").asText()))
                    .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
            JsonNode failure = message.get("failures").get(0);
            assertThat(failure.get("failedAction").asText()).isEqualTo("LambdaAction");
            assertThat(failure.get("failedResource").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:gone");
            assertThat(failure.get("errorMessage").asText()).contains("Function not found: gone").contains("devices/d-7");
        }

        @Test
        void getsOneMessageForAllFailedActionsOfARuleAndMessage() throws Exception {
            missingFunctions.add("gone");
            start(new TopicRule("r", sql("SELECT * FROM 'in'"), true,
                    List.of(lambda("gone"), lambda("here"), republish("out/${bad}", 0)),
                    Optional.of(lambda("errors"))));
            engine.onPublish(http("in", "{\"bad\":\"a/+\"}"));

            assertThat(takeInvoked()).isEqualTo(new Invoked("here", "{\"bad\":\"a/+\"}"));
            Invoked error = takeInvoked();
            assertThat(error.function()).isEqualTo("errors");
            JsonNode message = JSON.readTree(error.event());
            assertThat(message.get("clientId").asText()).isEqualTo("n/a");
            assertThat(message.get("failures")).hasSize(2);
            JsonNode republish = message.get("failures").get(1);
            assertThat(republish.get("failedAction").asText()).isEqualTo("RepublishAction");
            assertThat(republish.get("failedResource").asText()).isEqualTo("out/a/+");
            assertThat(republish.get("errorMessage").asText()).contains("wildcard");
            assertThat(invoked.poll(200, TimeUnit.MILLISECONDS)).as("one error message only").isNull();
        }

        @Test
        void doesNotRunWhenEveryActionWasPerformed() throws Exception {
            start(new TopicRule("r", sql("SELECT * FROM 'in'"), true, List.of(lambda("here")),
                    Optional.of(republish("errors", 0))));
            engine.onPublish(mqtt("in", "{}"));

            takeInvoked();
            assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }

        @Test
        void thatFailsItselfIsOnlyLoggedAndTheRuleGoesOn() throws Exception {
            missingFunctions.add("gone");
            missingFunctions.add("errors-gone");
            start(new TopicRule("r", sql("SELECT * FROM 'in'"), true, List.of(lambda("gone")),
                    Optional.of(lambda("errors-gone"))), rule("other", "SELECT * FROM 'in'", lambda("here")));
            engine.onPublish(mqtt("in", "{\"n\":1}"));
            engine.onPublish(mqtt("in", "{\"n\":2}"));

            assertThat(List.of(takeInvoked().event(), takeInvoked().event())).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
        }
    }

    @Nested
    class Threads {

        /** An action that holds its thread until released, like a slow downstream service. */
        final class Stuck implements RuleAction {
            final CountDownLatch release = new CountDownLatch(1);
            final CountDownLatch entered;
            final BlockingQueue<String> done = new LinkedBlockingQueue<>();

            Stuck(int expected) {
                entered = new CountDownLatch(expected);
            }

            @Override
            public void perform(RuleOutput output, ActionTargets targets) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.add(utf8(output.output()));
            }

            @Override
            public String actionName() {
                return "StuckAction";
            }
        }

        @Test
        void aSlowRuleDelaysNeitherThePublisherNorAnotherRule() throws Exception {
            int messages = 3 * RulesEngine.THREADS_PER_RULE;
            Stuck slow = new Stuck(RulesEngine.THREADS_PER_RULE);
            start(rule("slow", "SELECT * FROM 'slow'", slow), rule("fast", "SELECT * FROM 'fast'", lambda("f")));

            for (int i = 0; i < messages; i++) {
                engine.onPublish(mqtt("slow", "{\"n\":" + i + "}")); // returns although every slow thread is stuck
            }
            assertThat(slow.entered.await(10, TimeUnit.SECONDS)).as("the slow rule's threads are all busy").isTrue();
            engine.onPublish(mqtt("fast", "{\"quick\":true}"));

            assertThat(takeInvoked().event()).isEqualTo("{\"quick\":true}");
            assertThat(slow.done).as("still stuck while the fast rule ran").isEmpty();
            slow.release.countDown();
            List<String> outputs = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                String next = slow.done.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("message %d of %d", i + 1, messages).isNotNull();
                outputs.add(next);
            }
            assertThat(outputs).as("every message in, one action out each").doesNotHaveDuplicates().hasSize(messages);
        }

        @Test
        void aBurstOfMessagesGivesOneActionPerMessage() throws Exception {
            int messages = 2_000;
            start(rule("r", "SELECT n FROM 'burst/+'", republish("out/${topic(2)}", 0)));

            for (int i = 0; i < messages; i++) {
                engine.onPublish(mqtt("burst/" + i, "{\"n\":" + i + "}"));
            }

            List<String> topics = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                topics.add(takePublished().topic());
            }
            assertThat(topics).doesNotHaveDuplicates().hasSize(messages);
            assertThat(published.poll(100, TimeUnit.MILLISECONDS)).isNull();
        }

        @Test
        void aDisabledRuleDoesNothing() throws Exception {
            engine = new RulesEngine(List.of(new TopicRule("off", sql("SELECT * FROM 'x'"), false, List.of(lambda("f")))),
                    "000000000000", targets);
            engine.onPublish(mqtt("x", "{}"));

            assertThat(invoked.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
