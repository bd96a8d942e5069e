package dev.iotlocal.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RepublishTopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "a", "a/b/c", "a//b", "/leading", "$aws/things/lamp/shadow/update", "$aws/things/lamp/shadow/get",
            "$aws/things/lamp/shadow/name/night/delete", "$aws/rules/myRule", "$aws/rules/myRule/a/b/c/d/e/f/g/h",
            "$aws/things/lamp/defender/metrics/json", "$aws/certificates/create/cbor",
            "$aws/provisioning-templates/t/provision/json", "$aws/things/lamp/streams/s1/get/json",
            "1/2/3/4/5/6/7/8"})
    void awsPublishesTo(String topic) {
        assertThat(RepublishTopics.problem(topic)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                             | empty",
            "a/+/b                                          | wildcard",
            "a/#                                            | wildcard",
            "1/2/3/4/5/6/7/8/9                              | 8 slashes",
            "$aws/things/lamp/jobs/get                      | job topics",
            "$aws/events/job/j1/completed                   | job topics",
            "$aws/things/lamp/shadow/update/accepted        | reserved",
            "$aws/events/presence/connected/c1              | reserved",
            "$mine/topic                                    | reserved"})
    void awsRefuses(String topic, String reason) {
        assertThat(RepublishTopics.problem(topic)).hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @org.junit.jupiter.api.Test
    void topicsOfMoreThan256BytesAreRefused() {
        assertThat(RepublishTopics.problem("x".repeat(256))).isEmpty();
        assertThat(RepublishTopics.problem("é".repeat(129))).hasValueSatisfying(p -> assertThat(p).contains("258 bytes"));
    }
}
