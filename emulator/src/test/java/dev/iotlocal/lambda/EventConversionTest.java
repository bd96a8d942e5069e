package dev.iotlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.iotlocal.lambda.TestRuntime.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/** Events and results are converted as the AWS Java runtime converts them, by its own serialization library. */
class EventConversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    private String answer(String handler, String event) throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("f", handler));
        Invocation invocation = invoke(runtime, "f", event);
        assertThat(invocation.succeeded()).as(invocation.result().payloadAsString()).isTrue();
        return invocation.result().payloadAsString();
    }

    @Test
    void sqsEventsAreReadWithTheRuntimesMixins() throws Exception {
        assertThat(answer(EventHandlers.Sqs.class.getName(), """
                {"Records":[{"messageId":"1","body":"hi","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:q"}]}"""))
                .isEqualTo("\"hi@arn:aws:sqs:eu-west-1:123456789012:q\"");
    }

    @Test
    void snsEventsAreReadWithTheirPascalCaseNames() throws Exception {
        assertThat(answer(EventHandlers.Sns.class.getName(), """
                {"Records":[{"EventSource":"aws:sns","Sns":{"Subject":"News","Message":"hello"}}]}"""))
                .isEqualTo("\"News: hello\"");
    }

    @Test
    void scheduledEventsGetTheirJodaTimeFromTheFunctionsOwnLibraries() throws Exception {
        assertThat(answer(EventHandlers.Scheduled.class.getName(), """
                {"detail-type":"Scheduled Event","source":"aws.events","time":"2021-03-04T05:06:07Z","detail":{}}"""))
                .isEqualTo("\"Scheduled Event in 2021\"");
    }

    @Test
    void apiGatewayProxyEventsGoInAndResponsesComeOutWithoutNulls() throws Exception {
        JsonNode response = JSON.readTree(answer(EventHandlers.Api.class.getName(), """
                {"httpMethod":"POST","path":"/things","queryStringParameters":{"q":"7"},"isBase64Encoded":false}"""));

        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        assertThat(response.path("body").asText()).isEqualTo("/things?7");
        assertThat(response.path("headers").path("X-Method").asText()).isEqualTo("POST");
        assertThat(response.has("multiValueHeaders")).isFalse();
    }

    @Test
    void pojosIgnoreUnknownPropertiesAndLeaveOutNulls() throws Exception {
        assertThat(answer(EventHandlers.Greeter.class.getName(), "{\"name\":\"Ada\",\"titles\":\"Dr\",\"extra\":1}"))
                .isEqualTo("{\"text\":\"Hello Dr Ada\"}");
    }

    @Test
    void aStreamHandlerGetsTheBytesAsSent() throws Exception {
        assertThat(answer(EventHandlers.Upper.class.getName(), "{\"a\": \"b\"}")).isEqualTo("{\"A\": \"B\"}");
    }

    @Test
    void methodHandlersTakeAnyOfTheRuntimesSignatures() throws Exception {
        String methods = EventHandlers.Methods.class.getName();

        assertThat(answer(methods + "::nothing", "{}")).isEqualTo("null");
        assertThat(answer(methods + "::copy", "[1, 2]")).isEqualTo("[1, 2]");
        assertThat(answer(methods + "::length", "\"four\"")).isEqualTo("4");
    }

    @Test
    void anEventThatDoesNotFitTheTypeFailsAsTheRuntimesJsonParsingError() throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("f", EventHandlers.Greeter.class.getName()));

        Invocation invocation = invoke(runtime, "f", "\"not a person\"");

        JsonNode error = JSON.readTree(invocation.result().payload());
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("An error occurred during JSON parsing");
        assertThat(error.path("cause").path("errorMessage").asText()).contains("Person");
    }

    @Test
    void aCheckedExceptionOfAMethodHandlerIsItsError() throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("f", EventHandlers.Methods.class.getName() + "::checked"));

        JsonNode error = JSON.readTree(invoke(runtime, "f", "{\"why\":\"disk\"}").result().payload());

        assertThat(error.path("errorType").asText()).isEqualTo("java.io.IOException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("checked: disk");
    }

    @Test
    void aHandlerWithoutConcreteTypesIsRefusedAtInitialisation() throws Exception {
        LambdaRuntime runtime = runtimes.start(FunctionConfiguration.of("f", EventHandlers.Unbound.class.getName()));

        Invocation invocation = invoke(runtime, "f", "{}");

        assertThat(invocation.result()).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.cause()).isEqualTo(InvocationResult.Cause.INIT);
            assertThat(f.errorMessage()).contains("does not implement RequestHandler with concrete type parameters");
        });
    }
}
