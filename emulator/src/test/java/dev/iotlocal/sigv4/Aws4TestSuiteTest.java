package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.SuiteCase.ACCESS_KEY;
import static dev.iotlocal.sigv4.SuiteCase.REGION;
import static dev.iotlocal.sigv4.SuiteCase.SECRET;
import static dev.iotlocal.sigv4.SuiteCase.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic SigV4 test suite, run through the Authorization-header verifier (region us-east-1, service
 * "service", clock at 2015-08-30T12:36:00Z).
 *
 * <p>All cases apply, normalize-path included: only S3 signs the path as sent, every other service (and the ones
 * this emulator serves: iotdevicegateway, iotdata, iot, lambda) signs the normalised path, which is also what the
 * AWS SDKs do by default. Two cases are not accepted as they are, each on purpose and tested below:
 * get-vanilla-with-session-token's .sreq carries get-vanilla's signature, an erratum of the suite (its .authz has
 * the right one, which is accepted); post-sts-header-after adds the token after signing, which this emulator takes
 * only in presigned URLs, as AWS IoT does.
 */
class Aws4TestSuiteTest {

    static final Clock SUITE_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final Set<String> NOT_ACCEPTED_AS_IS =
            Set.of("get-vanilla-with-session-token", "post-sts-header-after");

    static SigV4Verifier verifierFor(SuiteCase suiteCase) {
        Credential credential = suiteCase.sessionToken()
                .map(token -> Credential.of(ACCESS_KEY, SECRET, token))
                .orElse(Credential.of(ACCESS_KEY, SECRET));
        return new SigV4Verifier(CredentialStore.of(credential), SigV4Settings.defaults(REGION), SUITE_TIME);
    }

    static Stream<SuiteCase> allCases() {
        return SuiteCase.all().stream();
    }

    static Stream<SuiteCase> acceptedCases() {
        return allCases().filter(c -> !NOT_ACCEPTED_AS_IS.contains(c.name()));
    }

    @Test
    void the_whole_suite_is_there() {
        assertThat(SuiteCase.all()).hasSize(34);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    @DisplayName("canonical request and string to sign equal the suite's .creq and .sts")
    void canonical_request_and_string_to_sign(SuiteCase suiteCase) throws Refusal {
        SigV4.Canonical canonical = verifierFor(suiteCase)
                .parseHeaderSigned(suiteCase.signedRequest(), SERVICE).expected();

        assertThat(canonical.canonicalRequest()).isEqualTo(suiteCase.file("creq"));
        assertThat(canonical.stringToSign()).isEqualTo(suiteCase.file("sts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    @DisplayName("the signature of the suite's .sts with the suite's secret is the one in .authz")
    void signature_equals_authz(SuiteCase suiteCase) {
        String signature = SigV4.signature(SigV4.signingKey(SECRET, "20150830", REGION, SERVICE),
                suiteCase.file("sts"));

        assertThat(suiteCase.file("authz")).endsWith("Signature=" + signature);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("the suite's signed request is accepted")
    void accepted(SuiteCase suiteCase) {
        Verification verification = verifierFor(suiteCase).verifyAuthorizationHeader(suiteCase.signedRequest(),
                SERVICE);

        assertThat(verification).isInstanceOf(Verification.Accepted.class);
        assertThat(((Verification.Accepted) verification).credential().accessKeyId()).isEqualTo(ACCESS_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("one byte of the signature changed: refused")
    void signature_changed(SuiteCase suiteCase) {
        SignedRequest request = suiteCase.signedRequest();
        String authorization = request.header("Authorization").get(0);
        char last = authorization.charAt(authorization.length() - 1);
        String changed = authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');

        assertRefusedAsMismatch(suiteCase, withHeader(request, "Authorization", changed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("one byte of each signed header value changed: refused")
    void signed_header_changed(SuiteCase suiteCase) throws Refusal {
        SignedRequest request = suiteCase.signedRequest();
        List<String> signedHeaders = verifierFor(suiteCase).parseHeaderSigned(request, SERVICE).signed()
                .signedHeaderNames();
        for (String name : signedHeaders) {
            List<String> values = request.header(name);
            String changed = bumpLastAlphanumeric(values.get(values.size() - 1));
            List<String> newValues = new java.util.ArrayList<>(values);
            newValues.set(values.size() - 1, changed);
            assertRefusedAsMismatch(suiteCase, withHeaderValues(request, name, newValues));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("one byte added to the path: refused")
    void path_changed(SuiteCase suiteCase) {
        // Appending always changes the normalised path; editing a segment that ".." removes would not.
        assertRefusedAsMismatch(suiteCase, change(suiteCase.signedRequest(), r -> new SignedRequest(r.method(),
                r.rawPath() + "x", r.rawQuery(), r.headers(), r.body())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("one byte added to the query: refused")
    void query_changed(SuiteCase suiteCase) {
        assertRefusedAsMismatch(suiteCase, change(suiteCase.signedRequest(), r -> new SignedRequest(r.method(),
                r.rawPath(), r.rawQuery() == null ? "x" : r.rawQuery() + "x", r.headers(), r.body())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCases")
    @DisplayName("one byte added to the body: refused")
    void body_changed(SuiteCase suiteCase) {
        assertRefusedAsMismatch(suiteCase, change(suiteCase.signedRequest(), r -> new SignedRequest(r.method(),
                r.rawPath(), r.rawQuery(), r.headers(), (new String(r.body(), StandardCharsets.UTF_8) + "x")
                .getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("get-vanilla-with-session-token: its .sreq has get-vanilla's signature, refused; with its .authz, "
            + "accepted")
    void session_token_case_has_a_wrong_signature_in_its_sreq() {
        SuiteCase suiteCase = SuiteCase.named("get-vanilla-with-session-token");
        SignedRequest request = suiteCase.signedRequest();
        assertThat(signatureOf(request)).isEqualTo(signatureOf(SuiteCase.named("get-vanilla").signedRequest()));
        assertThat(verifierFor(suiteCase).verifyAuthorizationHeader(request, SERVICE))
                .isInstanceOfSatisfying(Verification.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.SIGNATURE_MISMATCH));

        SignedRequest fixed = withHeader(request, "Authorization", suiteCase.file("authz"));

        assertThat(verifierFor(suiteCase).verifyAuthorizationHeader(fixed, SERVICE))
                .isInstanceOf(Verification.Accepted.class);
    }

    @Test
    @DisplayName("post-sts-header-after: a header-signed request must sign its session token")
    void token_added_after_signing_is_refused_on_the_http_apis() {
        SuiteCase suiteCase = SuiteCase.named("post-sts-header-after");

        assertThat(verifierFor(suiteCase).verifyAuthorizationHeader(suiteCase.signedRequest(), SERVICE))
                .isInstanceOfSatisfying(Verification.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.SESSION_TOKEN_NOT_SIGNED));
    }

    @Test
    @DisplayName("a session-token case without the token in the store: refused")
    void token_case_with_a_long_term_key() {
        SuiteCase suiteCase = SuiteCase.named("post-sts-header-before");
        SigV4Verifier verifier = new SigV4Verifier(CredentialStore.of(Credential.of(ACCESS_KEY, SECRET)),
                SigV4Settings.defaults(REGION), SUITE_TIME);

        assertThat(verifier.verifyAuthorizationHeader(suiteCase.signedRequest(), SERVICE))
                .isInstanceOfSatisfying(Verification.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.SESSION_TOKEN_MISMATCH));
    }

    private static void assertRefusedAsMismatch(SuiteCase suiteCase, SignedRequest changed) {
        assertThat(verifierFor(suiteCase).verifyAuthorizationHeader(changed, SERVICE))
                .isInstanceOfSatisfying(Verification.Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(RefusalReason.SIGNATURE_MISMATCH);
                    assertThat(refused.message()).doesNotContain(SECRET);
                });
    }

    private static String signatureOf(SignedRequest request) {
        String authorization = request.header("Authorization").get(0);
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }

    /**
     * Changes the last digit (so a date stays a date), else the last letter, to its neighbour; not spacing, which
     * canonicalisation forgives.
     */
    static String bumpLastAlphanumeric(String value) {
        int lastDigit = -1;
        for (int i = 0; i < value.length(); i++) {
            lastDigit = value.charAt(i) >= '0' && value.charAt(i) <= '9' ? i : lastDigit;
        }
        for (int i = lastDigit >= 0 ? lastDigit : value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                char bumped = c == '9' ? '8' : c == 'z' ? 'y' : c == 'Z' ? 'Y' : (char) (c + 1);
                return value.substring(0, i) + bumped + value.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("nothing to change in " + value);
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        return withHeaderValues(request, name, List.of(value));
    }

    static SignedRequest withHeaderValues(SignedRequest request, String name, List<String> values) {
        Map<String, List<String>> headers = new HashMap<>();
        request.headers().forEach((n, v) -> {
            if (!n.equalsIgnoreCase(name)) {
                headers.put(n, v);
            }
        });
        headers.put(name, values);
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest change(SignedRequest request, UnaryOperator<SignedRequest> change) {
        return change.apply(request);
    }
}
