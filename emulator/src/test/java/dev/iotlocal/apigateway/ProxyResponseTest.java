package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BinaryMediaTypes PNG = BinaryMediaTypes.of(List.of("image/png"));

    private static ProxyResponse.Outcome read(String payload, String accept) {
        return ProxyResponse.read(payload.getBytes(StandardCharsets.UTF_8), accept, PNG, JSON);
    }

    private static ProxyResponse.Valid valid(String payload) {
        ProxyResponse.Outcome outcome = read(payload, null);
        assertThat(outcome).isInstanceOf(ProxyResponse.Valid.class);
        return (ProxyResponse.Valid) outcome;
    }

    private static String malformed(String payload) {
        ProxyResponse.Outcome outcome = read(payload, null);
        assertThat(outcome).isInstanceOf(ProxyResponse.Malformed.class);
        return ((ProxyResponse.Malformed) outcome).reason();
    }

    @Test
    void headersAndMultiValueHeadersAreMergedWhateverTheCaseAndAValueGivenTwiceAppearsOnce() {
        ProxyResponse.Valid valid = valid("""
                {"statusCode": 200, "headers": {"X-A": "1", "Set-Cookie": "a=1"},
                 "multiValueHeaders": {"x-a": ["2"], "set-cookie": ["a=1", "b=2"]}}""");

        assertThat(valid.headers()).containsEntry("X-A", List.of("1", "2")).containsEntry("Set-Cookie", List.of("a=1", "b=2"));
    }

    @Test
    void theFunctionsContentTypeWinsWhateverItsCaseElseJson() {
        assertThat(valid("{\"statusCode\": 200, \"headers\": {\"content-type\": \"text/html\"}}").headers())
                .containsOnlyKeys("content-type");
        assertThat(valid("{\"statusCode\": 200}").headers()).containsEntry("Content-Type", List.of("application/json"));
    }

    @Test
    void numbersAndBooleansInHeadersAreText() {
        assertThat(valid("{\"statusCode\": 200, \"headers\": {\"X-Count\": 3, \"X-On\": true}}").headers())
                .containsEntry("X-Count", List.of("3")).containsEntry("X-On", List.of("true"));
    }

    @Test
    void headersApiGatewayOwnsAreRemapped() {
        assertThat(valid("{\"statusCode\": 200, \"headers\": {\"Content-Length\": \"5\", \"Connection\": \"close\"}}")
                .headers()).containsKeys("x-amzn-Remapped-Content-Length", "x-amzn-Remapped-Connection")
                .doesNotContainKeys("Content-Length", "Connection");
    }

    @Test
    void aBase64BodyIsDecodedOnlyWhenTheFirstAcceptedTypeIsBinary() {
        String payload = "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \""
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) 0xff}) + "\"}";

        assertThat(((ProxyResponse.Valid) read(payload, "image/png")).body()).containsExactly(1, 2, 0xff);
        assertThat(new String(((ProxyResponse.Valid) read(payload, "text/html, image/png")).body(), StandardCharsets.UTF_8))
                .isEqualTo("AQL/");
        assertThat(read("{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"%%%\"}", "image/png"))
                .isInstanceOf(ProxyResponse.UndecodableBody.class);
    }

    @Test
    void aMalformedAnswerSaysWhatToChange() {
        assertThat(malformed("{\"statusCode\": 200, \"body\": {\"a\": 1}}")).contains("body").contains("must be a string");
        assertThat(malformed("{\"body\": \"x\"}")).contains("statusCode is missing");
        assertThat(malformed("{\"statusCode\": 1000}")).contains("from 200 to 599");
        assertThat(malformed("{\"statusCode\": 100}")).contains("1xx");
        assertThat(malformed("{\"statusCode\": 200, \"extra\": 1}")).contains("'extra'");
        assertThat(malformed("{\"statusCode\": 200, \"headers\": {\"Bad Name\": \"x\"}}")).contains("'Bad Name'");
        assertThat(malformed("{\"statusCode\": 200, \"headers\": {\"X\": \"a\\nb\"}}")).contains("U+000A");
        assertThat(malformed("{\"statusCode\": 200, \"headers\": {\"X\": null}}")).contains("headers.X");
        assertThat(malformed("{\"statusCode\": 200, \"multiValueHeaders\": {\"X\": \"a\"}}")).contains("list of strings");
        assertThat(malformed("{\"statusCode\": 200, \"isBase64Encoded\": \"true\"}")).contains("true or false");
        assertThat(malformed("\"just a string\"")).contains("not an object");
        assertThat(malformed("no json")).contains("not JSON");
    }

    @Test
    void aStatusCodeMayBeWrittenAsText() {
        assertThat(valid("{\"statusCode\": \"404\"}").status()).isEqualTo(404);
    }
}
