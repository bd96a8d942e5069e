package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.HOST_NOT_SIGNED;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_DATE;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_SIGNATURE;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_SIGNED_HEADERS;
import static dev.iotlocal.sigv4.RefusalReason.UNSUPPORTED_ALGORITHM;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The five SigV4 values, wherever they came from (query or Authorization header), before they are trusted.
 *
 * @param amzDate the request time in X-Amz-Date form (yyyyMMdd'T'HHmmss'Z')
 */
record SigningParameters(String algorithm, String credential, String amzDate, String signedHeaders,
                         String signature) {

    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+");

    /** The values once checked for shape, scope and host. */
    record Checked(CredentialScope scope, Instant date, String amzDate, List<String> signedHeaderNames,
                   String signedHeaders, String signature) {
    }

    Checked check(String region, String service) throws Refusal {
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw new Refusal(UNSUPPORTED_ALGORITHM, "The signing algorithm is '" + algorithm + "' but only "
                    + SigV4.ALGORITHM + " (SigV4) is supported; SigV4a and SigV2 are not. Sign with SigV4.");
        }
        Instant date = parseAmzDate(amzDate);
        CredentialScope scope = CredentialScope.parse(credential);
        scope.check(amzDate, region, service);
        List<String> names = parseSignedHeaders(signedHeaders);
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new Refusal(MALFORMED_SIGNATURE, "The signature '" + signature + "' must be 64 lowercase hex "
                    + "digits (the hex HMAC-SHA256 of the string to sign).");
        }
        return new Checked(scope, date, amzDate, names, signedHeaders, signature);
    }

    static Instant parseAmzDate(String amzDate) throws Refusal {
        try {
            return SigV4.AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw new Refusal(MALFORMED_DATE, "X-Amz-Date '" + amzDate + "' is not a UTC timestamp in the form "
                    + "yyyyMMdd'T'HHmmss'Z', e.g. 20150830T123600Z.");
        }
    }

    /** Lowercase names, sorted, no duplicates, host among them: what every SigV4 signer produces. */
    private static List<String> parseSignedHeaders(String signedHeaders) throws Refusal {
        List<String> names = List.of(signedHeaders.split(";", -1));
        for (int i = 0; i < names.size(); i++) {
            boolean sorted = i == 0 || names.get(i - 1).compareTo(names.get(i)) < 0;
            if (!HEADER_NAME.matcher(names.get(i)).matches() || !sorted) {
                throw new Refusal(MALFORMED_SIGNED_HEADERS, "SignedHeaders '" + signedHeaders + "' must list "
                        + "lowercase header names, sorted, each once, separated by ';' (e.g. host;x-amz-date).");
            }
        }
        if (!names.contains("host")) {
            throw new Refusal(HOST_NOT_SIGNED, "SignedHeaders '" + signedHeaders + "' does not include host. "
                    + "Sign the Host header.");
        }
        return names;
    }
}
