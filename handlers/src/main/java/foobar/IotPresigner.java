package foobar;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Presigns AWS IoT MQTT-over-WebSocket URLs (SigV4 in the query string, service "iotdevicegateway").
 *
 * <p>How the SDK signer is configured, and why:
 * <ul>
 *   <li>EXPIRATION_DURATION is set. Without it the signer's query mode also adds and signs an
 *       x-amz-content-sha256 header (X-Amz-SignedHeaders=host;x-amz-content-sha256), which no WebSocket client
 *       sends. With it (the presign path) that header is dropped and only "host" is signed; the price is an
 *       X-Amz-Expires parameter, which is signed like any other query parameter.</li>
 *   <li>PAYLOAD_SIGNING_ENABLED=true and an empty payload, so the canonical request ends with SHA-256("")
 *       (e3b0c442...) as AWS IoT expects, never UNSIGNED-PAYLOAD.</li>
 *   <li>Only the key id and secret are signed; AWS IoT refuses a URL whose session token was signed, so
 *       X-Amz-Security-Token is appended after X-Amz-Signature.</li>
 * </ul>
 */
final class IotPresigner {

    static final String SIGNING_NAME = "iotdevicegateway";
    /** AWS IoT appears to stop accepting a URL about 15 minutes after X-Amz-Date anyway. */
    static final Duration URL_LIFETIME = Duration.ofMinutes(15);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    IotPresigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param hostHeader the Host header exactly as the connecting client will send it (see IotEndpoint)
     * @return scheme://authority/mqtt?X-Amz-...&X-Amz-Signature=...[&X-Amz-Security-Token=...]
     */
    String presign(IotEndpoint endpoint, String hostHeader, AwsCredentialsIdentity credentials) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol(endpoint.secure() ? "https" : "http")
                .host(endpoint.host())
                .port(endpoint.effectivePort())
                .encodedPath(IotEndpoint.PATH)
                .putHeader("Host", hostHeader) // wins over host/port above: the signer keeps an explicit Host
                .build();
        AwsCredentialsIdentity keyOnly =
                AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
        SignRequest<AwsCredentialsIdentity> signRequest = SignRequest.builder(keyOnly)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(""))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, URL_LIFETIME)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .build();
        SignedRequest signed = signer.sign(signRequest);
        String query = signed.request().encodedQueryParameters()
                .orElseThrow(() -> new IllegalStateException("the SDK signer returned no query parameters"));

        StringBuilder url = new StringBuilder()
                .append(endpoint.scheme()).append("://").append(endpoint.authority())
                .append(IotEndpoint.PATH).append('?').append(query);
        if (credentials instanceof AwsSessionCredentialsIdentity session) {
            url.append("&X-Amz-Security-Token=").append(SdkHttpUtils.urlEncode(session.sessionToken()));
        }
        return url.toString();
    }
}
