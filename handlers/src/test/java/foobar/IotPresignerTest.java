package foobar;

import static foobar.SigV4Check.EMPTY_SHA256;
import static foobar.SigV4Check.expectedSignature;
import static foobar.SigV4Check.queryParams;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class IotPresignerTest {

    // The classic SigV4 test-suite credentials and time.
    static final String KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    static final String AWS_HOST = "abc123-ats.iot.us-east-1.amazonaws.com";

    final IotPresigner presigner = new IotPresigner(CLOCK);
    final AwsBasicCredentials basic = AwsBasicCredentials.create(KEY_ID, SECRET);

    @Test
    void hmacOfTheTestCodeMatchesRfc4231() {
        // RFC 4231 test case 2: proves the independent HMAC before anything relies on it.
        assertThat(SigV4Check.hex(SigV4Check.hmacSha256(SigV4Check.utf8("Jefe"),
                SigV4Check.utf8("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Nested
    class Shape {

        @Test
        void emulatorUrlKeepsHostAndPortAndCarriesTheSigV4Parameters() {
            IotEndpoint endpoint = IotEndpoint.parse("ws", "127.0.0.1:4566", "us-east-1");

            String url = presigner.presign(endpoint, endpoint.pahoHostHeader(), basic);

            assertThat(url).startsWith("ws://127.0.0.1:4566/mqtt?");
            assertThat(queryParams(url)).containsOnlyKeys("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                    "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature");
            assertThat(queryParams(url))
                    .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                    .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20150830/us-east-1/iotdevicegateway/aws4_request")
                    .containsEntry("X-Amz-Date", "20150830T123600Z")
                    .containsEntry("X-Amz-Expires", "900")
                    .containsEntry("X-Amz-SignedHeaders", "host");
            assertThat(queryParams(url).get("X-Amz-Signature")).matches("[0-9a-f]{64}");
            assertThat(url).contains("X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiotdevicegateway%2Faws4_request");
        }

        @Test
        void awsUrlHasNoPortWhenNoneIsConfigured() {
            IotEndpoint endpoint = IotEndpoint.parse("wss", AWS_HOST, "us-east-1");

            assertThat(presigner.presign(endpoint, endpoint.pahoHostHeader(), basic))
                    .startsWith("wss://" + AWS_HOST + "/mqtt?X-Amz-");
        }
    }

    @Nested
    class Signature {

        @Test
        void matchesAnIndependentRecomputationForHostWithPort() {
            IotEndpoint endpoint = IotEndpoint.parse("ws", "127.0.0.1:4566", "us-east-1");

            String url = presigner.presign(endpoint, "127.0.0.1:4566", basic);

            assertThat(queryParams(url).get("X-Amz-Signature"))
                    .isEqualTo(expectedSignature(url, "127.0.0.1:4566", SECRET, EMPTY_SHA256));
        }

        @Test
        void matchesAnIndependentRecomputationForHostWithoutPort() {
            IotEndpoint endpoint = IotEndpoint.parse("wss", AWS_HOST, "us-east-1");

            String url = presigner.presign(endpoint, AWS_HOST, basic);

            assertThat(queryParams(url).get("X-Amz-Signature"))
                    .isEqualTo(expectedSignature(url, AWS_HOST, SECRET, EMPTY_SHA256));
        }

        @Test
        void coversTheHostHeaderItWasGivenSoPahosHost443DiffersFromTheBrowsersHost() {
            IotEndpoint endpoint = IotEndpoint.parse("wss", AWS_HOST, "us-east-1");

            String forPaho = presigner.presign(endpoint, endpoint.pahoHostHeader(), basic);
            String forBrowser = presigner.presign(endpoint, endpoint.browserHostHeader(), basic);

            assertThat(queryParams(forPaho).get("X-Amz-Signature"))
                    .isEqualTo(expectedSignature(forPaho, AWS_HOST + ":443", SECRET, EMPTY_SHA256))
                    .isNotEqualTo(queryParams(forBrowser).get("X-Amz-Signature"));
            assertThat(queryParams(forBrowser).get("X-Amz-Signature"))
                    .isEqualTo(expectedSignature(forBrowser, AWS_HOST, SECRET, EMPTY_SHA256));
        }

        @Test
        void hashesTheEmptyPayloadNotUnsignedPayload() {
            IotEndpoint endpoint = IotEndpoint.parse("wss", AWS_HOST, "us-east-1");

            String url = presigner.presign(endpoint, AWS_HOST, basic);

            assertThat(queryParams(url).get("X-Amz-Signature"))
                    .isNotEqualTo(expectedSignature(url, AWS_HOST, SECRET, "UNSIGNED-PAYLOAD"));
        }

        @Test
        void pinnedVector() {
            // Computed once by hand from the canonical request below; guards against both sides drifting.
            // GET\n/mqtt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1
            // %2Fiotdevicegateway%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900
            // &X-Amz-SignedHeaders=host\nhost:abc-ats.iot.us-east-1.amazonaws.com:443\n\nhost\ne3b0c442...b855
            IotEndpoint endpoint = IotEndpoint.parse("wss", "abc-ats.iot.us-east-1.amazonaws.com", "us-east-1");

            String url = presigner.presign(endpoint, endpoint.pahoHostHeader(), basic);

            assertThat(queryParams(url).get("X-Amz-Signature"))
                    .isEqualTo("42b5c91049b0ca5f339ffd474404c8947fba3f9c6f7ce97edcc5e48d4aba8ec4");
        }
    }

    @Nested
    class SessionToken {

        static final String TOKEN = "IQoJb3JpZ2luX2VjEJ//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+abc/def==";

        @Test
        void isAppendedAfterTheSignatureUrlEncoded() {
            IotEndpoint endpoint = IotEndpoint.parse("ws", "127.0.0.1:4566", "us-east-1");

            String url = presigner.presign(endpoint, "127.0.0.1:4566",
                    AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN));

            assertThat(url).endsWith("&X-Amz-Security-Token=" + SigV4Check.rfc3986(TOKEN));
            assertThat(url.indexOf("X-Amz-Signature=")).isLessThan(url.indexOf("X-Amz-Security-Token="));
            assertThat(queryParams(url)).containsEntry("X-Amz-Security-Token", TOKEN);
        }

        @Test
        void isNotSigned() {
            IotEndpoint endpoint = IotEndpoint.parse("ws", "127.0.0.1:4566", "us-east-1");

            String withToken = presigner.presign(endpoint, "127.0.0.1:4566",
                    AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN));
            String withoutToken = presigner.presign(endpoint, "127.0.0.1:4566", basic);

            Map<String, String> params = queryParams(withToken);
            assertThat(params.get("X-Amz-Signature"))
                    .isEqualTo(queryParams(withoutToken).get("X-Amz-Signature"))
                    .isEqualTo(expectedSignature(withToken, "127.0.0.1:4566", SECRET, EMPTY_SHA256));
            assertThat(params.get("X-Amz-SignedHeaders")).isEqualTo("host");
        }
    }
}
