package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.DUPLICATE_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_AUTHORIZATION;
import static dev.iotlocal.sigv4.RefusalReason.MISSING_AUTHORIZATION;
import static dev.iotlocal.sigv4.RefusalReason.MISSING_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.UNSUPPORTED_ALGORITHM;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. Spaces after the commas are
 * optional, as the SDKs differ there.
 */
final class AuthorizationHeader {

    private static final List<String> COMPONENTS = List.of("Credential", "SignedHeaders", "Signature");

    private AuthorizationHeader() {
    }

    /** The header's components; the date comes from another header. */
    record Parts(String algorithm, String credential, String signedHeaders, String signature) {

        SigningParameters withDate(String amzDate) {
            return new SigningParameters(algorithm, credential, amzDate, signedHeaders, signature);
        }
    }

    static Parts parse(List<String> headerValues) throws Refusal {
        if (headerValues.isEmpty()) {
            throw new Refusal(MISSING_AUTHORIZATION, "The request has no Authorization header. Sign it with "
                    + "SigV4 (any AWS SDK or the AWS CLI does); presigned URLs are accepted only on /mqtt.");
        }
        if (headerValues.size() > 1) {
            throw new Refusal(DUPLICATE_PARAMETER, "The request has " + headerValues.size() + " Authorization "
                    + "headers. Send exactly one.");
        }
        String value = headerValues.get(0).strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new Refusal(UNSUPPORTED_ALGORITHM, "The Authorization header uses '" + algorithm + "' but only "
                    + SigV4.ALGORITHM + " (SigV4) is supported; SigV4a and SigV2 are not. Sign with SigV4.");
        }
        Map<String, String> components = components(space < 0 ? "" : value.substring(space + 1));
        for (String name : COMPONENTS) {
            if (!components.containsKey(name)) {
                throw new Refusal(MISSING_PARAMETER, "The Authorization header lacks " + name + "=. It must read "
                        + SigV4.ALGORITHM + " Credential=..., SignedHeaders=..., Signature=....");
            }
        }
        return new Parts(algorithm, components.get("Credential"), components.get("SignedHeaders"),
                components.get("Signature"));
    }

    private static Map<String, String> components(String text) throws Refusal {
        Map<String, String> components = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            String component = part.strip();
            int eq = component.indexOf('=');
            String name = eq < 0 ? component : component.substring(0, eq);
            if (eq < 0 || !COMPONENTS.contains(name)) {
                throw new Refusal(MALFORMED_AUTHORIZATION, "The Authorization header has '" + component
                        + "' where Credential=, SignedHeaders= or Signature= was expected. It must read "
                        + SigV4.ALGORITHM + " Credential=..., SignedHeaders=..., Signature=....");
            }
            if (components.put(name, component.substring(eq + 1).strip()) != null) {
                throw new Refusal(DUPLICATE_PARAMETER, "The Authorization header gives " + name + "= twice. "
                        + "Give it once.");
            }
        }
        return components;
    }
}
