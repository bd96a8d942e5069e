package dev.iotlocal.sigv4;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** Independent signers for the tests: the AWS SDK for Java v2, current and legacy. */
final class Signers {

    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String TEMP_ACCESS_KEY = "ASIATEMPORARY";
    static final String TEMP_SECRET = "temporarySecretKey/+/0123456789EXAMPLE";
    static final String TEMP_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/token+with=base64/chars==";
    static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

    static final AwsCredentialsIdentity LONG_TERM = AwsCredentialsIdentity.create(ACCESS_KEY, SECRET);
    static final AwsSessionCredentialsIdentity TEMPORARY =
            AwsSessionCredentialsIdentity.create(TEMP_ACCESS_KEY, TEMP_SECRET, TEMP_TOKEN);
    /** The temporary key and secret without the token: how AWS IoT clients sign before appending the token. */
    static final AwsCredentialsIdentity TEMPORARY_WITHOUT_TOKEN =
            AwsCredentialsIdentity.create(TEMP_ACCESS_KEY, TEMP_SECRET);

    private Signers() {
    }

    static CredentialStore store() {
        return CredentialStore.of(Credential.of(ACCESS_KEY, SECRET), Credential.of(TEMP_ACCESS_KEY, TEMP_SECRET,
                TEMP_TOKEN));
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(store(), SigV4Settings.defaults(REGION), clockAt(now));
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** AwsV4HttpSigner, the SDK v2 signer, with its auth in the query string. */
    static SignedRequest presign(String uri, AwsCredentialsIdentity identity, String service,
                                 Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(uri)).build();
        return sign(request, null, identity, service, b -> {
            b.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING);
            options.accept(b);
        });
    }

    /** AwsV4HttpSigner with its auth in the Authorization header, as every SDK v2 client sends it. */
    static SignedRequest signHeaders(SdkHttpMethod method, String uri, String body, AwsCredentialsIdentity identity,
                                     String service, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return signHeaders(method, uri, Map.of(), body, identity, service, options);
    }

    static SignedRequest signHeaders(SdkHttpMethod method, String uri, Map<String, String> headers, String body,
                                     AwsCredentialsIdentity identity, String service,
                                     Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(URI.create(uri));
        headers.forEach(request::putHeader);
        return sign(request.build(), body, identity, service, options);
    }

    private static SignedRequest sign(SdkHttpRequest request, String body, AwsCredentialsIdentity identity,
                                      String service, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        var signed = AwsV4HttpSigner.create().sign(b -> {
            b.request(request).identity(identity)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clockAt(SIGNED_AT));
            if (body != null) {
                b.payload(ContentStreamProvider.fromUtf8String(body));
            }
            options.accept(b);
        });
        return toSignedRequest(signed.request(), body);
    }

    /** The legacy SDK v2 presigner (Aws4Signer): SignedHeaders=host, X-Amz-Expires set, empty-payload hash. */
    @SuppressWarnings("deprecation")
    static SignedRequest presignLegacy(String uri, AwsCredentials credentials, String service) {
        return toSignedRequest(Aws4Signer.create().presign(fullGet(uri), presignParams(credentials, service)), null);
    }

    /** The S3 presigner: UNSIGNED-PAYLOAD in the canonical request, no header saying so. */
    @SuppressWarnings("deprecation")
    static SignedRequest presignS3Style(String uri, AwsCredentials credentials, String service) {
        return toSignedRequest(AwsS3V4Signer.create().presign(fullGet(uri), presignParams(credentials, service)),
                null);
    }

    private static SdkHttpFullRequest fullGet(String uri) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(uri)).build();
    }

    @SuppressWarnings("deprecation")
    private static Aws4PresignerParams presignParams(AwsCredentials credentials, String service) {
        return Aws4PresignerParams.builder().awsCredentials(credentials).signingName(service)
                .signingRegion(Region.of(REGION)).signingClockOverride(clockAt(SIGNED_AT)).build();
    }

    /** What the emulator's HTTP server would see: path and query exactly as the SDK puts them on the wire. */
    static SignedRequest toSignedRequest(SdkHttpRequest request, String body) {
        return new SignedRequest(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                request.headers(), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    /** How AWS IoT clients add the session token: after signing, URL-encoded, at the end. */
    static SignedRequest appendToken(SignedRequest request, String token) {
        return withQuery(request, request.rawQuery() + "&X-Amz-Security-Token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
