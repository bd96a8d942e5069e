package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.CLOCK_SKEW;
import static dev.iotlocal.sigv4.RefusalReason.DUPLICATE_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_DATE;
import static dev.iotlocal.sigv4.RefusalReason.MISSING_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_MISSING;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_NOT_SIGNED;
import static dev.iotlocal.sigv4.RefusalReason.SESSION_TOKEN_SIGNED;
import static dev.iotlocal.sigv4.RefusalReason.SIGNATURE_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.SIGNED_HEADER_ABSENT;
import static dev.iotlocal.sigv4.RefusalReason.UNKNOWN_ACCESS_KEY;
import static dev.iotlocal.sigv4.RefusalReason.URL_EXPIRED;

import dev.iotlocal.sigv4.SigV4.Canonical;
import dev.iotlocal.sigv4.SigningParameters.Checked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks SigV4 signatures the way AWS does, for every door of the emulator: presigned WebSocket URLs on
 * {@code /mqtt} and the Authorization header of the signed HTTP APIs. Thread-safe and stateless.
 */
public final class SigV4Verifier {

    static final String SIGNATURE = "X-Amz-Signature";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final List<String> PRESIGNED_PARAMETERS =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", SIGNATURE);

    private final CredentialStore credentials;
    private final SigV4Settings settings;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, SigV4Settings settings, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A query-signed request such as the {@code /mqtt} WebSocket upgrade. As AWS IoT does: the session token is
     * appended after signing (a signed token is refused), X-Amz-Expires is ignored in favour of
     * {@link SigV4Settings#presignedUrlMaxAge()}, and the payload hash is that of the empty payload.
     *
     * @param service the signing name expected, e.g. {@code iotdevicegateway}
     */
    public Verification verifyPresignedUrl(SignedRequest request, String service) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(service, "service");
        try {
            return new Verification.Accepted(presigned(request, service));
        } catch (Refusal refusal) {
            return refusal.toVerification();
        }
    }

    /**
     * A request signed in its Authorization header, as the AWS SDKs and CLI send them. A session token, when sent,
     * must be a signed header.
     *
     * @param service the signing name expected, e.g. {@code iotdata}, {@code iot} or {@code lambda}
     */
    public Verification verifyAuthorizationHeader(SignedRequest request, String service) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(service, "service");
        try {
            return new Verification.Accepted(headerSigned(request, service));
        } catch (Refusal refusal) {
            return refusal.toVerification();
        }
    }

    private Credential presigned(SignedRequest request, String service) throws Refusal {
        QueryString query = QueryString.parse(request.rawQuery());
        SigningParameters parameters = new SigningParameters(single(query, "X-Amz-Algorithm"),
                single(query, "X-Amz-Credential"), single(query, "X-Amz-Date"),
                single(query, "X-Amz-SignedHeaders"), single(query, SIGNATURE));
        Optional<String> token = atMostOne(query.values(SECURITY_TOKEN), SECURITY_TOKEN + " query parameter");
        Checked signed = parameters.check(settings.region(), service);
        checkNotFromTheFuture(signed);
        Duration age = Duration.between(signed.date(), clock.instant());
        if (age.compareTo(settings.presignedUrlMaxAge()) > 0) {
            throw new Refusal(URL_EXPIRED, "The presigned URL was signed at " + signed.amzDate() + ", "
                    + describe(age) + " ago; URLs are accepted for " + describe(settings.presignedUrlMaxAge())
                    + " after X-Amz-Date (X-Amz-Expires is ignored, as AWS IoT does). Sign a new URL.");
        }
        checkSignedHeadersPresent(request, signed);
        PayloadHash.checkPresigned(request, signed);
        Credential credential = lookUp(signed.scope());
        byte[] key = signingKey(credential, signed);
        Canonical expected = SigV4.canonical(request, signed,
                SigV4.canonicalQuery(query.without(Set.of(SIGNATURE, SECURITY_TOKEN))), SigV4.EMPTY_SHA256);
        if (!matches(key, expected, signed)) {
            explainPresignedMismatch(request, query, signed, key, token.isPresent());
            throw mismatch(signed, expected);
        }
        checkSessionToken(credential, token);
        return credential;
    }

    /** Finds how a valid key produced a signature AWS IoT would still refuse, to name the real cause. */
    private static void explainPresignedMismatch(SignedRequest request, QueryString query, Checked signed,
                                                 byte[] key, boolean hasToken) throws Refusal {
        for (boolean tokenSigned : hasToken ? List.of(false, true) : List.of(false)) {
            Set<String> excluded = tokenSigned ? Set.of(SIGNATURE) : Set.of(SIGNATURE, SECURITY_TOKEN);
            String canonicalQuery = SigV4.canonicalQuery(query.without(excluded));
            for (String payloadHash : List.of(SigV4.EMPTY_SHA256, SigV4.UNSIGNED_PAYLOAD)) {
                if (matches(key, SigV4.canonical(request, signed, canonicalQuery, payloadHash), signed)) {
                    if (tokenSigned) {
                        throw new Refusal(SESSION_TOKEN_SIGNED, "X-Amz-Security-Token was part of the signed "
                                + "query string. AWS IoT expects the session token to be appended after signing: "
                                + "sign the URL without it, then add &X-Amz-Security-Token=<URL-encoded token>.");
                    }
                    throw PayloadHash.unsignedPayloadInPresignedUrl();
                }
            }
        }
    }

    private Credential headerSigned(SignedRequest request, String service) throws Refusal {
        HeaderSigned parsed = parseHeaderSigned(request, service);
        Checked signed = parsed.signed();
        // Unlike presigned URLs, HTTP APIs take the token as a normal signed header (the AWS SDKs sign it).
        if (parsed.token().isPresent() && !signed.signedHeaderNames().contains("x-amz-security-token")) {
            throw new Refusal(SESSION_TOKEN_NOT_SIGNED, "The X-Amz-Security-Token header is sent but not signed. "
                    + "Add x-amz-security-token to SignedHeaders, as the AWS SDKs do.");
        }
        checkNotFromTheFuture(signed);
        Duration age = Duration.between(signed.date(), clock.instant());
        if (age.compareTo(settings.clockSkew()) > 0) {
            throw new Refusal(CLOCK_SKEW, "The request was signed at " + signed.amzDate() + ", " + describe(age)
                    + " before the server clock, more than the allowed " + describe(settings.clockSkew())
                    + ". Sign requests just before sending them and check the client's clock.");
        }
        Credential credential = lookUp(signed.scope());
        if (!matches(signingKey(credential, signed), parsed.expected(), signed)) {
            throw mismatch(signed, parsed.expected());
        }
        checkSessionToken(credential, parsed.token());
        return credential;
    }

    /** The shape checks of a header-signed request and what it should have signed; no clock, no key. */
    record HeaderSigned(Checked signed, Optional<String> token, Canonical expected) {
    }

    HeaderSigned parseHeaderSigned(SignedRequest request, String service) throws Refusal {
        AuthorizationHeader.Parts parts = AuthorizationHeader.parse(request.header("Authorization"));
        Checked signed = parts.withDate(requestDate(request)).check(settings.region(), service);
        Optional<String> token = atMostOne(request.header(SECURITY_TOKEN), SECURITY_TOKEN + " header")
                .map(String::strip);
        checkSignedHeadersPresent(request, signed);
        String payloadHash = PayloadHash.forHeaderSigned(request);
        Canonical expected = SigV4.canonical(request, signed, SigV4.canonicalQuery(
                QueryString.parse(request.rawQuery()).all()), payloadHash);
        return new HeaderSigned(signed, token, expected);
    }

    /** X-Amz-Date wins; an RFC 1123 Date header is the fallback SigV4 allows. */
    private static String requestDate(SignedRequest request) throws Refusal {
        Optional<String> amzDate = atMostOne(request.header("X-Amz-Date"), "X-Amz-Date header")
                .map(String::strip);
        if (amzDate.isPresent()) {
            return amzDate.get();
        }
        String date = atMostOne(request.header("Date"), "Date header").map(String::strip).orElseThrow(() -> new Refusal(
                MISSING_PARAMETER, "The request has neither an X-Amz-Date nor a Date header. Send "
                + "X-Amz-Date: yyyyMMdd'T'HHmmss'Z' (UTC) and sign it."));
        try {
            return SigV4.AMZ_DATE.format(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date, Instant::from));
        } catch (DateTimeParseException e) {
            throw new Refusal(MALFORMED_DATE, "The Date header '" + date + "' is not an RFC 1123 date such as "
                    + "'Sun, 30 Aug 2015 12:36:00 GMT'. Send X-Amz-Date: 20150830T123600Z instead.");
        }
    }

    private void checkNotFromTheFuture(Checked signed) throws Refusal {
        Duration ahead = Duration.between(clock.instant(), signed.date());
        if (ahead.compareTo(settings.clockSkew()) > 0) {
            throw new Refusal(CLOCK_SKEW, "X-Amz-Date " + signed.amzDate() + " is " + describe(ahead)
                    + " ahead of the server clock, more than the allowed " + describe(settings.clockSkew())
                    + ". Check the client's clock.");
        }
    }

    private static void checkSignedHeadersPresent(SignedRequest request, Checked signed) throws Refusal {
        for (String name : signed.signedHeaderNames()) {
            if (request.header(name).isEmpty()) {
                throw new Refusal(SIGNED_HEADER_ABSENT, "SignedHeaders lists '" + name + "' but the request has "
                        + "no such header. Sign only headers that are sent.");
            }
        }
    }

    private Credential lookUp(CredentialScope scope) throws Refusal {
        return credentials.find(scope.accessKeyId()).orElseThrow(() -> new Refusal(UNKNOWN_ACCESS_KEY,
                "The access key id '" + scope.accessKeyId() + "' is not known to this emulator. Sign with one of "
                        + "the credentials it is configured with."));
    }

    private static byte[] signingKey(Credential credential, Checked signed) {
        CredentialScope scope = signed.scope();
        return SigV4.signingKey(credential.secretAccessKey(), scope.date(), scope.region(), scope.service());
    }

    private static boolean matches(byte[] signingKey, Canonical canonical, Checked signed) {
        return SigV4.sameText(SigV4.signature(signingKey, canonical.stringToSign()), signed.signature());
    }

    /**
     * Shows what AWS shows: the canonical request and string to sign expected, never the secret, and the session
     * token as {@code ****}: the message is logged too, and a log must not hold a credential.
     */
    private static Refusal mismatch(Checked signed, Canonical expected) {
        String canonicalRequest = SESSION_TOKEN_HEADER.matcher(expected.canonicalRequest()).replaceAll("$1****");
        canonicalRequest = SESSION_TOKEN_PARAMETER.matcher(canonicalRequest).replaceAll("$1****");
        return new Refusal(SIGNATURE_MISMATCH, "The signature does not match the one computed with the secret "
                + "of access key '" + signed.scope().accessKeyId() + "'. Check the secret access key and the "
                + "signing method; the method, path, query, signed headers and body must not change after "
                + "signing. The canonical request should have been"
                + (canonicalRequest.equals(expected.canonicalRequest()) ? "" : " (the session token shown as ****)")
                + "\n'" + canonicalRequest + "'\nThe string to sign should have been\n'" + expected.stringToSign() + "'");
    }

    private static final java.util.regex.Pattern SESSION_TOKEN_HEADER =
            java.util.regex.Pattern.compile("(?im)^(x-amz-security-token:).*$");
    private static final java.util.regex.Pattern SESSION_TOKEN_PARAMETER =
            java.util.regex.Pattern.compile("(?i)(X-Amz-Security-Token=)[^&\\n]*");

    private static void checkSessionToken(Credential credential, Optional<String> token) throws Refusal {
        String key = credential.accessKeyId();
        Optional<String> expected = credential.sessionToken();
        if (expected.isPresent() && token.isEmpty()) {
            throw new Refusal(SESSION_TOKEN_MISSING, "Access key '" + key + "' holds temporary credentials, and "
                    + "temporary credentials need their session token. Send it as X-Amz-Security-Token.");
        }
        if (token.isPresent() && expected.isEmpty()) {
            throw new Refusal(SESSION_TOKEN_MISMATCH, "The request carries a session token but access key '" + key
                    + "' has none. Remove X-Amz-Security-Token or configure the key with its session token.");
        }
        if (token.isPresent() && !SigV4.sameText(expected.get(), token.get())) {
            throw new Refusal(SESSION_TOKEN_MISMATCH, "The session token does not belong to access key '" + key
                    + "'. Send the session token issued with this access key.");
        }
    }

    private static String single(QueryString query, String name) throws Refusal {
        return atMostOne(query.values(name), name + " query parameter").orElseThrow(() -> new Refusal(
                MISSING_PARAMETER, "The presigned URL lacks the " + name + " query parameter. A presigned URL "
                + "carries " + String.join(", ", PRESIGNED_PARAMETERS) + ", and X-Amz-Security-Token for "
                + "temporary credentials."));
    }

    private static Optional<String> atMostOne(List<String> values, String what) throws Refusal {
        if (values.size() > 1) {
            throw new Refusal(DUPLICATE_PARAMETER, "The " + what + " appears " + values.size() + " times. "
                    + "Send it once.");
        }
        return values.stream().findFirst();
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " seconds" : (seconds / 60) + " minutes " + (seconds % 60) + " seconds";
    }
}
