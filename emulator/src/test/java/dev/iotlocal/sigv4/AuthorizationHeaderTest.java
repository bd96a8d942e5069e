package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.Aws4TestSuiteTest.withHeader;
import static dev.iotlocal.sigv4.Aws4TestSuiteTest.withHeaderValues;
import static dev.iotlocal.sigv4.Signers.ACCESS_KEY;
import static dev.iotlocal.sigv4.Signers.LONG_TERM;
import static dev.iotlocal.sigv4.Signers.SECRET;
import static dev.iotlocal.sigv4.Signers.SIGNED_AT;
import static dev.iotlocal.sigv4.Signers.TEMPORARY;
import static dev.iotlocal.sigv4.Signers.TEMPORARY_WITHOUT_TOKEN;
import static dev.iotlocal.sigv4.Signers.TEMP_ACCESS_KEY;
import static dev.iotlocal.sigv4.Signers.TEMP_SECRET;
import static dev.iotlocal.sigv4.Signers.signHeaders;
import static dev.iotlocal.sigv4.Signers.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** The signed HTTP APIs (iotdata publish, iot describe-endpoint, lambda invoke), signed by AWS SDK v2. */
class AuthorizationHeaderTest {

    static final String PUBLISH_URL = "https://localhost:4566/topics/devices%2Fsensor-1%2Ftemperature?qos=1";
    static final String BODY = "{\"temperature\": 21.5, \"unit\": \"°C\"}";

    static SignedRequest publish(AwsCredentialsIdentity identity) {
        return signHeaders(SdkHttpMethod.POST, PUBLISH_URL, BODY, identity, "iotdata", b -> { });
    }

    static Verification verify(SignedRequest request, String service) {
        return verifierAt(SIGNED_AT).verifyAuthorizationHeader(request, service);
    }

    static void assertAccepted(Verification verification, String accessKeyId) {
        PresignedUrlTest.assertAccepted(verification, accessKeyId);
    }

    static void assertRefused(Verification verification, RefusalReason reason) {
        PresignedUrlTest.assertRefused(verification, reason);
    }

    @Nested
    @DisplayName("requests the AWS SDK signs are accepted")
    class Accepted {

        @Test
        void iotdata_publish_with_a_body() {
            assertAccepted(verify(publish(LONG_TERM), "iotdata"), ACCESS_KEY);
        }

        @Test
        @DisplayName("iotdata publish with temporary credentials: the token is a signed header")
        void iotdata_publish_with_session_token() {
            SignedRequest request = publish(TEMPORARY);
            assertThat(request.header("Authorization").get(0)).contains("x-amz-security-token");

            assertAccepted(verify(request, "iotdata"), TEMP_ACCESS_KEY);
        }

        @Test
        void iot_describe_endpoint() {
            SignedRequest request = signHeaders(SdkHttpMethod.GET,
                    "https://localhost:4566/endpoint?endpointType=iot%3AData-ATS", null, LONG_TERM, "iot", b -> { });

            assertAccepted(verify(request, "iot"), ACCESS_KEY);
        }

        @Test
        void lambda_invoke_with_extra_signed_headers() {
            SignedRequest request = signHeaders(SdkHttpMethod.POST,
                    "https://localhost:4566/2015-03-31/functions/my-function/invocations",
                    Map.of("X-Amz-Invocation-Type", "RequestResponse", "Content-Type", "application/json"),
                    "{\"key\":\"value\"}", LONG_TERM, "lambda", b -> { });
            assertThat(request.header("Authorization").get(0)).contains("x-amz-invocation-type");

            assertAccepted(verify(request, "lambda"), ACCESS_KEY);
        }

        @Test
        @DisplayName("a path with //, . and .. is signed normalised, as the SDK does for every service but S3")
        void normalised_path() {
            SignedRequest request = signHeaders(SdkHttpMethod.GET, "https://localhost/a//b/./c/../d%20e/f", null,
                    LONG_TERM, "iot", b -> { });

            assertAccepted(verify(request, "iot"), ACCESS_KEY);
        }

        @Test
        @DisplayName("UNSIGNED-PAYLOAD announced in x-amz-content-sha256 (payload signing off) is accepted")
        void unsigned_payload() {
            SignedRequest request = signHeaders(SdkHttpMethod.POST, PUBLISH_URL, BODY, LONG_TERM, "iotdata",
                    b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
            assertThat(request.header("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");

            assertAccepted(verify(request, "iotdata"), ACCESS_KEY);
        }

        @Test
        @DisplayName("a Date header instead of X-Amz-Date")
        void date_header() {
            String amzDate = "20150830T123600Z";
            String canonical = "GET\n/\n\ndate:Sun, 30 Aug 2015 12:36:00 GMT\nhost:example.amazonaws.com\n\n"
                    + "date;host\n" + SigV4.EMPTY_SHA256;
            String scope = "20150830/us-east-1/iot/aws4_request";
            String signature = SigV4.signature(SigV4.signingKey(SECRET, "20150830", "us-east-1", "iot"),
                    SigV4.stringToSign(amzDate, scope, canonical));
            SignedRequest request = new SignedRequest("GET", "/", null, Map.of(
                    "Host", List.of("example.amazonaws.com"),
                    "Date", List.of("Sun, 30 Aug 2015 12:36:00 GMT"),
                    "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + scope
                            + ",SignedHeaders=date;host,Signature=" + signature)), null);

            assertAccepted(verify(request, "iot"), ACCESS_KEY);
        }
    }

    @Nested
    @DisplayName("refused")
    class Refused {

        @Test
        void wrong_secret() {
            SignedRequest request = publish(AwsCredentialsIdentity.create(ACCESS_KEY, "not-the-secret"));

            assertRefused(verify(request, "iotdata"), RefusalReason.SIGNATURE_MISMATCH);
        }

        @Test
        void wrong_service() {
            assertRefused(verify(publish(LONG_TERM), "lambda"), RefusalReason.WRONG_SERVICE);
        }

        @Test
        @DisplayName("body changed after signing: x-amz-content-sha256 no longer matches")
        void body_changed() {
            SignedRequest request = publish(LONG_TERM);
            SignedRequest changed = new SignedRequest(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), (BODY + " ").getBytes(StandardCharsets.UTF_8));

            assertRefused(verify(changed, "iotdata"), RefusalReason.PAYLOAD_HASH_MISMATCH);
        }

        @Test
        void query_changed() {
            SignedRequest request = publish(LONG_TERM);

            assertRefused(verify(Signers.withQuery(request, "qos=0"), "iotdata"), RefusalReason.SIGNATURE_MISMATCH);
        }

        @Test
        void clock_skew_both_ways() {
            SignedRequest request = publish(LONG_TERM);
            Duration skew = SigV4Settings.DEFAULT_CLOCK_SKEW;

            assertAccepted(verifierAt(SIGNED_AT.plus(skew)).verifyAuthorizationHeader(request, "iotdata"),
                    ACCESS_KEY);
            assertAccepted(verifierAt(SIGNED_AT.minus(skew)).verifyAuthorizationHeader(request, "iotdata"),
                    ACCESS_KEY);
            assertRefused(verifierAt(SIGNED_AT.plus(skew).plusSeconds(1))
                    .verifyAuthorizationHeader(request, "iotdata"), RefusalReason.CLOCK_SKEW);
            assertRefused(verifierAt(SIGNED_AT.minus(skew).minusSeconds(1))
                    .verifyAuthorizationHeader(request, "iotdata"), RefusalReason.CLOCK_SKEW);
        }

        @Test
        void no_authorization_header() {
            SignedRequest request = withHeaderValues(publish(LONG_TERM), "Authorization", List.of());

            assertRefused(verify(request, "iotdata"), RefusalReason.MISSING_AUTHORIZATION);
        }

        @Test
        void two_authorization_headers() {
            SignedRequest request = publish(LONG_TERM);
            String authorization = request.header("Authorization").get(0);

            assertRefused(verify(withHeaderValues(request, "Authorization", List.of(authorization, authorization)),
                    "iotdata"), RefusalReason.DUPLICATE_PARAMETER);
        }

        @Test
        void sigv2_authorization() {
            assertRefused(verify(withHeader(publish(LONG_TERM), "Authorization", "AWS " + ACCESS_KEY + ":c2lnbmF0dXJl"),
                    "iotdata"), RefusalReason.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void unknown_authorization_component() {
            SignedRequest request = publish(LONG_TERM);
            String authorization = request.header("Authorization").get(0) + ", Extra=1";

            assertRefused(verify(withHeader(request, "Authorization", authorization), "iotdata"),
                    RefusalReason.MALFORMED_AUTHORIZATION);
        }

        @Test
        void signature_component_missing() {
            SignedRequest request = publish(LONG_TERM);
            String authorization = request.header("Authorization").get(0).replaceAll(", ?Signature=[0-9a-f]+", "");

            assertRefused(verify(withHeader(request, "Authorization", authorization), "iotdata"),
                    RefusalReason.MISSING_PARAMETER);
        }

        @Test
        void no_date_header() {
            SignedRequest request = withHeaderValues(publish(LONG_TERM), "X-Amz-Date", List.of());

            assertRefused(verify(request, "iotdata"), RefusalReason.MISSING_PARAMETER);
        }

        @Test
        void unreadable_date_header() {
            SignedRequest request = withHeaderValues(publish(LONG_TERM), "X-Amz-Date", List.of());

            assertRefused(verify(withHeader(request, "Date", "yesterday"), "iotdata"), RefusalReason.MALFORMED_DATE);
        }

        @Test
        void streaming_payload() {
            SignedRequest request = withHeader(publish(LONG_TERM), "x-amz-content-sha256",
                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

            assertRefused(verify(request, "iotdata"), RefusalReason.UNSUPPORTED_PAYLOAD);
        }

        @Test
        @DisplayName("a session token header that is not signed")
        void token_not_signed() {
            SignedRequest request = withHeader(publish(TEMPORARY_WITHOUT_TOKEN), "X-Amz-Security-Token",
                    Signers.TEMP_TOKEN);

            assertRefused(verify(request, "iotdata"), RefusalReason.SESSION_TOKEN_NOT_SIGNED);
        }

        @Test
        @DisplayName("temporary credentials need their session token")
        void token_missing() {
            assertRefused(verify(publish(TEMPORARY_WITHOUT_TOKEN), "iotdata"), RefusalReason.SESSION_TOKEN_MISSING);
        }

        @Test
        @DisplayName("a signed session token that is not the key's")
        void token_of_another_session() {
            SignedRequest request = publish(AwsSessionCredentialsIdentity.create(TEMP_ACCESS_KEY, TEMP_SECRET,
                    "another-session"));

            assertRefused(verify(request, "iotdata"), RefusalReason.SESSION_TOKEN_MISMATCH);
        }

        @Test
        @DisplayName("the signature mismatch message shows what should have been signed")
        void mismatch_message() {
            SignedRequest request = publish(AwsCredentialsIdentity.create(ACCESS_KEY, "not-the-secret"));

            Verification.Refused refused = (Verification.Refused) verify(request, "iotdata");

            assertThat(refused.message())
                    .contains("POST\n/topics/devices%252Fsensor-1%252Ftemperature\nqos=1\n")
                    .contains("host:localhost:4566\n")
                    .contains(SigV4.sha256Hex(BODY.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(SECRET).doesNotContain("not-the-secret");
        }

        @Test
        @DisplayName("the signature mismatch message, which is logged, shows the session token as ****")
        void mismatch_message_hides_the_session_token() {
            SignedRequest request = publish(AwsSessionCredentialsIdentity.create(TEMP_ACCESS_KEY, "not-the-secret",
                    "the-session-token-of-a-real-account"));

            Verification.Refused refused = (Verification.Refused) verify(request, "iotdata");

            assertThat(refused.message()).contains("x-amz-security-token:****\n", "session token shown as ****")
                    .doesNotContain("the-session-token-of-a-real-account");
        }
    }

    @Test
    @DisplayName("a verifier is not tied to one service: the caller says which it expects")
    void service_is_per_call() {
        SigV4Verifier verifier = verifierAt(SIGNED_AT);

        assertThat(verifier.verifyAuthorizationHeader(publish(LONG_TERM), "iotdata").isAccepted()).isTrue();
        assertThat(verifier.verifyAuthorizationHeader(publish(LONG_TERM), "iot").isAccepted()).isFalse();
    }
}
