package dev.iotlocal.it;

import dev.iotlocal.IotLocal;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static dev.iotlocal.it.LambdaClients.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lambda's Invoke API through the real AWS SDK for Java v2 {@code LambdaClient}. */
class LambdaClientIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static IotLocal iot;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        iot = IotLocal.builder().config(LambdaClients.labConfig()).edgePort(0).mqttPort(0).build().start();
        lambda = LambdaClients.client(iot, iot.secretKey());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        iot.close();
    }

    @Test
    void invokesByTheDeployedNameTheShortNameAndTheArn() {
        for (String name : new String[] {"lab-dev-counter", "counter", "arn:aws:lambda:eu-west-1:000000000000:function:lab-dev-counter"}) {
            InvokeResponse response = invoke(lambda, name, "{}");

            assertThat(response.statusCode()).as(name).isEqualTo(200);
            assertThat(response.functionError()).isNull();
            assertThat(response.executedVersion()).isEqualTo("$LATEST");
            assertThat(response.payload().asUtf8String()).contains("\"greeting\":\"hello\"");
        }
    }

    @Test
    void aFunctionErrorIsUnhandledWithLambdasErrorDocument() {
        InvokeResponse response = invoke(lambda, "lab-dev-flaky", "{\"n\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String())
                .contains("\"errorMessage\":\"flaky failed on 1\"", "\"errorType\":\"java.lang.IllegalStateException\"",
                        "\"stackTrace\":[\"dev.iotlocal.it.LabHandlers$Flaky.handleRequest(LabHandlers.java:");
    }

    @Test
    void tailReturnsTheInvocationsLogLines() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName("logs").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"text\":\"tail me\"}")));

        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        Invocation invocation = iot.takeInvocation("logs", WAIT).orElseThrow();
        assertThat(log).isEqualTo(String.join("\n", invocation.logLines()) + "\n");
        assertThat(log).startsWith("START RequestId: " + response.responseMetadata().requestId() + " Version: $LATEST\n")
                .contains("\nstdout: tail me\nstderr: tail me\nlogger: tail me\nEND RequestId: ")
                .containsPattern("\nREPORT RequestId: [0-9a-f-]{36}\tDuration: ");
    }

    @Test
    void anEventIsAcceptedWith202AndRunsWithTheSameRequestId() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName("twins").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(202);
        Invocation invocation = iot.takeInvocation("twins", WAIT).orElseThrow();
        assertThat(invocation.type()).isEqualTo(Invocation.InvocationType.EVENT);
        assertThat(invocation.requestId()).isEqualTo(response.responseMetadata().requestId());
        assertThat(invocation.succeeded()).isTrue();
    }

    @Test
    void aDryRunChecksTheFunctionWithoutRunningIt() throws Exception {
        InvokeResponse response = lambda.invoke(r -> r.functionName("quitter").invocationType(InvocationType.DRY_RUN));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(iot.takeInvocation("quitter", Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> invoke(lambda, "lab-dev-nope", "{}"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:lab-dev-nope");
                });
    }

    @Test
    void aPayloadThatIsNotJsonIsInvalidRequestContent() {
        assertThatThrownBy(() -> invoke(lambda, "counter", "value"))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
                });
    }

    @Test
    void aWrongSecretIsRefusedWith403() {
        try (LambdaClient wrong = LambdaClients.client(iot, "not-the-secret")) {
            assertThatThrownBy(() -> invoke(wrong, "counter", "{}"))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }
}
