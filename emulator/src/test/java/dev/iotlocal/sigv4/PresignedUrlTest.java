package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.Signers.ACCESS_KEY;
import static dev.iotlocal.sigv4.Signers.LONG_TERM;
import static dev.iotlocal.sigv4.Signers.SECRET;
import static dev.iotlocal.sigv4.Signers.SIGNED_AT;
import static dev.iotlocal.sigv4.Signers.TEMPORARY;
import static dev.iotlocal.sigv4.Signers.TEMP_ACCESS_KEY;
import static dev.iotlocal.sigv4.Signers.TEMP_SECRET;
import static dev.iotlocal.sigv4.Signers.TEMP_TOKEN;
import static dev.iotlocal.sigv4.Signers.appendToken;
import static dev.iotlocal.sigv4.Signers.presign;
import static dev.iotlocal.sigv4.Signers.presignLegacy;
import static dev.iotlocal.sigv4.Signers.presignS3Style;
import static dev.iotlocal.sigv4.Signers.verifierAt;
import static dev.iotlocal.sigv4.Signers.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** The /mqtt WebSocket upgrade: presigned with the AWS SDK's signers, checked as AWS IoT checks it. */
class PresignedUrlTest {

    static final String URL = "https://example.amazonaws.com/mqtt";
    static final String SERVICE = "iotdevicegateway";

    static Verification verifyNow(SignedRequest request) {
        return verifierAt(SIGNED_AT).verifyPresignedUrl(request, SERVICE);
    }

    static void assertAccepted(Verification verification, String accessKeyId) {
        assertThat(verification).isInstanceOfSatisfying(Verification.Accepted.class,
                accepted -> assertThat(accepted.credential().accessKeyId()).isEqualTo(accessKeyId));
    }

    static void assertRefused(Verification verification, RefusalReason reason) {
        assertThat(verification).isInstanceOfSatisfying(Verification.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.message()).doesNotContain(SECRET).doesNotContain(TEMP_SECRET);
        });
    }

    @Nested
    @DisplayName("signed by AwsV4HttpSigner (AUTH_LOCATION=QUERY_STRING)")
    class SdkV2Signer {

        @Test
        void long_term_key_accepted() {
            assertAccepted(verifyNow(presign(URL, LONG_TERM, SERVICE, b -> { })), ACCESS_KEY);
        }

        @Test
        void session_token_appended_after_signing_accepted() {
            SignedRequest unsigned = presign(URL, Signers.TEMPORARY_WITHOUT_TOKEN, SERVICE, b -> { });

            assertAccepted(verifyNow(appendToken(unsigned, TEMP_TOKEN)), TEMP_ACCESS_KEY);
        }

        @Test
        void session_token_signed_into_the_query_refused() {
            SignedRequest signedWithToken = presign(URL, TEMPORARY, SERVICE, b -> { });
            assertThat(signedWithToken.rawQuery()).contains("X-Amz-Security-Token=");

            assertRefused(verifyNow(signedWithToken), RefusalReason.SESSION_TOKEN_SIGNED);
        }

        @Test
        void host_with_port_as_the_client_sent_it() {
            SignedRequest request = presign("https://localhost:8443/mqtt", LONG_TERM, SERVICE, b -> { });
            assertThat(request.header("Host")).containsExactly("localhost:8443");
            assertAccepted(verifyNow(request), ACCESS_KEY);

            SignedRequest otherPort = Aws4TestSuiteTest.withHeader(request, "Host", "localhost:8444");
            assertRefused(verifyNow(otherPort), RefusalReason.SIGNATURE_MISMATCH);
        }

        @Test
        @DisplayName("UNSIGNED-PAYLOAD (payload signing turned off) refused: AWS IoT signs the empty payload")
        void unsigned_payload_refused() {
            SignedRequest request = presign(URL, LONG_TERM, SERVICE,
                    b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
            assertThat(request.header("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");

            assertRefused(verifyNow(request), RefusalReason.UNSUPPORTED_PAYLOAD);
        }
    }

    @Nested
    @DisplayName("signed by the legacy Aws4Signer.presign (SignedHeaders=host, as IoT device SDKs sign)")
    class LegacySigner {

        @Test
        void long_term_key_accepted() {
            SignedRequest request = presignLegacy(URL, AwsBasicCredentials.create(ACCESS_KEY, SECRET), SERVICE);
            assertThat(request.rawQuery()).contains("X-Amz-SignedHeaders=host&");

            assertAccepted(verifyNow(request), ACCESS_KEY);
        }

        @Test
        void session_token_signed_into_the_query_refused() {
            SignedRequest request = presignLegacy(URL,
                    AwsSessionCredentials.create(TEMP_ACCESS_KEY, TEMP_SECRET, TEMP_TOKEN), SERVICE);

            assertRefused(verifyNow(request), RefusalReason.SESSION_TOKEN_SIGNED);
        }

        @Test
        @DisplayName("an S3-style presigned URL (UNSIGNED-PAYLOAD, no header) is refused with its own reason")
        void s3_style_refused() {
            SignedRequest request = presignS3Style(URL, AwsBasicCredentials.create(ACCESS_KEY, SECRET), SERVICE);

            assertRefused(verifyNow(request), RefusalReason.UNSUPPORTED_PAYLOAD);
        }
    }

    @Nested
    @DisplayName("time: 15 minutes after X-Amz-Date, 5 minutes of clock skew, X-Amz-Expires ignored")
    class Time {

        private final SignedRequest request = presignLegacy(URL, AwsBasicCredentials.create(ACCESS_KEY, SECRET),
                SERVICE);

        private Verification verifyAt(Instant now) {
            return verifierAt(now).verifyPresignedUrl(request, SERVICE);
        }

        @Test
        void accepted_until_fifteen_minutes_after_signing() {
            assertAccepted(verifyAt(SIGNED_AT.plus(Duration.ofMinutes(15))), ACCESS_KEY);
            assertRefused(verifyAt(SIGNED_AT.plus(Duration.ofMinutes(15)).plusSeconds(1)),
                    RefusalReason.URL_EXPIRED);
        }

        @Test
        @DisplayName("X-Amz-Expires=604800 does not make the URL live longer")
        void expires_parameter_ignored() {
            assertThat(request.rawQuery()).contains("X-Amz-Expires=604800");

            assertRefused(verifyAt(SIGNED_AT.plus(Duration.ofHours(1))), RefusalReason.URL_EXPIRED);
        }

        @Test
        @DisplayName("X-Amz-Expires=1 does not make the URL die sooner")
        void short_expires_ignored() {
            SignedRequest shortLived = presign(URL, LONG_TERM, SERVICE,
                    b -> b.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(1)));
            assertThat(shortLived.rawQuery()).contains("X-Amz-Expires=1");

            assertAccepted(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(10))).verifyPresignedUrl(shortLived,
                    SERVICE), ACCESS_KEY);
        }

        @Test
        void signed_up_to_five_minutes_in_the_future_accepted() {
            assertAccepted(verifyAt(SIGNED_AT.minus(Duration.ofMinutes(5))), ACCESS_KEY);
            assertRefused(verifyAt(SIGNED_AT.minus(Duration.ofMinutes(5)).minusSeconds(1)),
                    RefusalReason.CLOCK_SKEW);
        }

        @Test
        void limits_are_configurable() {
            SigV4Settings strict = SigV4Settings.defaults(Signers.REGION)
                    .withClockSkew(Duration.ofSeconds(10)).withPresignedUrlMaxAge(Duration.ofMinutes(1));
            SigV4Verifier later = new SigV4Verifier(Signers.store(), strict,
                    Signers.clockAt(SIGNED_AT.plusSeconds(61)));
            SigV4Verifier earlier = new SigV4Verifier(Signers.store(), strict,
                    Signers.clockAt(SIGNED_AT.minusSeconds(11)));

            assertRefused(later.verifyPresignedUrl(request, SERVICE), RefusalReason.URL_EXPIRED);
            assertRefused(earlier.verifyPresignedUrl(request, SERVICE), RefusalReason.CLOCK_SKEW);
        }
    }

    @Nested
    @DisplayName("session tokens")
    class SessionTokens {

        private final SignedRequest signedByTemporaryKey =
                presign(URL, Signers.TEMPORARY_WITHOUT_TOKEN, SERVICE, b -> { });

        @Test
        void temporary_key_without_its_token_refused() {
            assertRefused(verifyNow(signedByTemporaryKey), RefusalReason.SESSION_TOKEN_MISSING);
        }

        @Test
        void temporary_key_with_another_token_refused() {
            assertRefused(verifyNow(appendToken(signedByTemporaryKey, "someone-elses-token")),
                    RefusalReason.SESSION_TOKEN_MISMATCH);
        }

        @Test
        void long_term_key_with_a_token_refused() {
            SignedRequest request = presign(URL, LONG_TERM, SERVICE, b -> { });

            assertRefused(verifyNow(appendToken(request, TEMP_TOKEN)), RefusalReason.SESSION_TOKEN_MISMATCH);
        }

        @Test
        @DisplayName("a base64 token appended without URL-encoding still matches ('+' is not a space)")
        void raw_base64_token() {
            SignedRequest request = withQuery(signedByTemporaryKey,
                    signedByTemporaryKey.rawQuery() + "&X-Amz-Security-Token=" + TEMP_TOKEN);

            assertAccepted(verifyNow(request), TEMP_ACCESS_KEY);
        }
    }

    @Test
    @DisplayName("a signature mismatch shows the canonical request and string to sign expected, never the secret")
    void mismatch_message() {
        SignedRequest request = presign(URL, LONG_TERM, SERVICE, b -> { });
        SignedRequest tampered = withQuery(request, request.rawQuery() + "&clientId=other");

        Verification verification = verifyNow(tampered);

        assertRefused(verification, RefusalReason.SIGNATURE_MISMATCH);
        assertThat(((Verification.Refused) verification).message())
                .contains("GET\n/mqtt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&")
                .contains("clientId=other")
                .contains("host:example.amazonaws.com\n")
                .contains("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iotdevicegateway/aws4_request\n")
                .endsWith("'");
    }
}
