package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.CLOCK_SKEW;
import static dev.iotlocal.sigv4.RefusalReason.CREDENTIAL_DATE_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.DUPLICATE_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.HOST_NOT_SIGNED;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_CREDENTIAL;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_DATE;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_QUERY;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_SIGNATURE;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_SIGNED_HEADERS;
import static dev.iotlocal.sigv4.RefusalReason.MISSING_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.PAYLOAD_HASH_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_MISSING;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_SIGNED;
import static dev.iotlocal.sigv4.RefusalReason.SIGNATURE_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.SIGNED_HEADER_ABSENT;
import static dev.iotlocal.sigv4.RefusalReason.UNKNOWN_ACCESS_KEY;
import static dev.iotlocal.sigv4.RefusalReason.UNSUPPORTED_ALGORITHM;
import static dev.iotlocal.sigv4.RefusalReason.UNSUPPORTED_PAYLOAD;
import static dev.iotlocal.sigv4.RefusalReason.URL_EXPIRED;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_REGION;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_SERVICE;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_TERMINATOR;
import static dev.iotlocal.sigv4.Signers.ACCESS_KEY;
import static dev.iotlocal.sigv4.Signers.SECRET;
import static dev.iotlocal.sigv4.Signers.TEMP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Each kind of broken /mqtt URL is refused with its own reason, and the message names the problem. */
class BrokenPresignedUrlTest {

    /** A good URL, presigned the way AWS IoT clients do: SignedHeaders=host, empty-payload hash. */
    private static final SignedRequest GOOD = Signers.presignLegacy(PresignedUrlTest.URL,
            AwsBasicCredentials.create(ACCESS_KEY, SECRET), PresignedUrlTest.SERVICE);

    record Broken(String kind, Supplier<SignedRequest> request, RefusalReason reason, String messageMentions) {
        @Override
        public String toString() {
            return kind + " -> " + reason.code();
        }
    }

    static List<Broken> brokenUrls() {
        return List.of(
                query("SigV4a algorithm", q -> q.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"),
                        UNSUPPORTED_ALGORITHM, "AWS4-ECDSA-P256-SHA256"),
                query("no signature", q -> q.replaceAll("&X-Amz-Signature=[0-9a-f]+", ""),
                        MISSING_PARAMETER, "X-Amz-Signature"),
                query("date given twice", q -> q + "&X-Amz-Date=20150830T123600Z", DUPLICATE_PARAMETER,
                        "X-Amz-Date"),
                query("broken percent-encoding", q -> q + "&clientId=%G1", MALFORMED_QUERY, "%G1"),
                query("date without seconds", q -> q.replace("X-Amz-Date=20150830T123600Z",
                        "X-Amz-Date=20150830T1236Z"), MALFORMED_DATE, "20150830T1236Z"),
                query("credential without region", q -> q.replace("%2Fus-east-1", ""), MALFORMED_CREDENTIAL,
                        "five parts"),
                query("scope dated the day before", q -> q.replace("%2F20150830%2F", "%2F20150829%2F"),
                        CREDENTIAL_DATE_MISMATCH, "20150829"),
                query("other region", q -> q.replace("us-east-1", "eu-west-1"), WRONG_REGION, "eu-west-1"),
                query("other service", q -> q.replace("iotdevicegateway", "iotdata"), WRONG_SERVICE, "iotdata"),
                query("other terminator", q -> q.replace("aws4_request", "aws5_request"), WRONG_TERMINATOR,
                        "aws5_request"),
                query("signed headers in capitals", q -> q.replace("X-Amz-SignedHeaders=host",
                        "X-Amz-SignedHeaders=Host"), MALFORMED_SIGNED_HEADERS, "Host"),
                query("host not signed", q -> q.replace("X-Amz-SignedHeaders=host",
                        "X-Amz-SignedHeaders=user-agent"), HOST_NOT_SIGNED, "host"),
                query("signs a header not sent", q -> q.replace("X-Amz-SignedHeaders=host",
                        "X-Amz-SignedHeaders=host%3Bx-amz-foo"), SIGNED_HEADER_ABSENT, "x-amz-foo"),
                query("signature in capitals", q -> q.replaceAll("X-Amz-Signature=([0-9a-f]+)",
                        "X-Amz-Signature=" + signatureOf(q).toUpperCase()), MALFORMED_SIGNATURE, "64 lowercase"),
                query("signed 10 minutes in the future", q -> q.replace("X-Amz-Date=20150830T123600Z",
                        "X-Amz-Date=20150830T124600Z"), CLOCK_SKEW, "ahead"),
                query("signed 20 minutes ago", q -> q.replace("X-Amz-Date=20150830T123600Z",
                        "X-Amz-Date=20150830T121600Z"), URL_EXPIRED, "20 minutes"),
                query("unknown access key", q -> q.replace(ACCESS_KEY, "AKIDUNKNOWN"), UNKNOWN_ACCESS_KEY,
                        "AKIDUNKNOWN"),
                query("one signature digit changed", q -> q.replace(signatureOf(q),
                        Aws4TestSuiteTest.bumpLastAlphanumeric(signatureOf(q))), SIGNATURE_MISMATCH,
                        "canonical request"),
                new Broken("session token signed into the query",
                        () -> Signers.presign(PresignedUrlTest.URL, Signers.TEMPORARY, PresignedUrlTest.SERVICE,
                                b -> { }), SESSION_TOKEN_SIGNED, "appended after signing"),
                new Broken("S3-style UNSIGNED-PAYLOAD",
                        () -> Signers.presignS3Style(PresignedUrlTest.URL,
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET), PresignedUrlTest.SERVICE),
                        UNSUPPORTED_PAYLOAD, "UNSIGNED-PAYLOAD"),
                new Broken("temporary key without its session token",
                        () -> Signers.presign(PresignedUrlTest.URL, Signers.TEMPORARY_WITHOUT_TOKEN,
                                PresignedUrlTest.SERVICE, b -> { }), SESSION_TOKEN_MISSING, "session token"),
                new Broken("temporary key with another session token",
                        () -> Signers.appendToken(Signers.presign(PresignedUrlTest.URL,
                                Signers.TEMPORARY_WITHOUT_TOKEN, PresignedUrlTest.SERVICE, b -> { }),
                                TEMP_TOKEN + "x"), SESSION_TOKEN_MISMATCH, "does not belong"),
                new Broken("signs the hash of a non-empty payload",
                        () -> Signers.signHeaders(software.amazon.awssdk.http.SdkHttpMethod.GET,
                                PresignedUrlTest.URL, "payload", Signers.LONG_TERM, PresignedUrlTest.SERVICE,
                                b -> b.putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner
                                        .AUTH_LOCATION, software.amazon.awssdk.http.auth.aws.signer
                                        .AwsV4HttpSigner.AuthLocation.QUERY_STRING)),
                        PAYLOAD_HASH_MISMATCH, "empty payload"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenUrls")
    void refused_with_its_own_reason(Broken broken) {
        Verification verification = PresignedUrlTest.verifyNow(broken.request().get());

        assertThat(verification).isInstanceOfSatisfying(Verification.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(broken.reason());
            assertThat(refused.message()).contains(broken.messageMentions()).doesNotContain(SECRET);
        });
    }

    @Test
    void the_good_url_is_accepted() {
        assertThat(PresignedUrlTest.verifyNow(GOOD)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void each_kind_has_its_own_reason() {
        List<RefusalReason> reasons = brokenUrls().stream().map(Broken::reason).toList();

        assertThat(reasons).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void reason_codes_are_distinct_lowercase_words() {
        List<String> codes = java.util.Arrays.stream(RefusalReason.values()).map(RefusalReason::code).toList();

        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(-[a-z0-9]+)*"));
        assertThat(codes.stream().collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(15);
    }

    private static Broken query(String kind, UnaryOperator<String> change, RefusalReason reason, String mentions) {
        return new Broken(kind, () -> Signers.withQuery(GOOD, change.apply(GOOD.rawQuery())), reason, mentions);
    }

    private static String signatureOf(String query) {
        return query.substring(query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
    }
}
