package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.CREDENTIAL_DATE_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.MALFORMED_CREDENTIAL;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_REGION;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_SERVICE;
import static dev.iotlocal.sigv4.RefusalReason.WRONG_TERMINATOR;

/** The parts of {@code AKID/yyyyMMdd/region/service/aws4_request}. */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static CredentialScope parse(String credential) throws Refusal {
        String[] parts = credential.split("/", -1);
        for (String part : parts) {
            if (parts.length != 5 || part.isEmpty()) {
                throw new Refusal(MALFORMED_CREDENTIAL, "The credential '" + credential + "' must have five parts: "
                        + "<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.");
            }
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** What the string to sign carries: everything but the access key id. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + terminator;
    }

    /** Checks the scope against the request's date, the emulator's region and the service called. */
    void check(String amzDate, String expectedRegion, String expectedService) throws Refusal {
        String day = amzDate.substring(0, 8);
        if (!date.equals(day)) {
            throw new Refusal(CREDENTIAL_DATE_MISMATCH, "The credential scope date '" + date + "' is not the day of "
                    + "X-Amz-Date '" + amzDate + "'. Sign with a scope dated " + day + " (the UTC day of the "
                    + "request).");
        }
        if (!region.equals(expectedRegion)) {
            throw new Refusal(WRONG_REGION, "The credential scope names region '" + region + "' but this emulator "
                    + "runs as region '" + expectedRegion + "'. Configure the client with region " + expectedRegion
                    + ".");
        }
        if (!service.equals(expectedService)) {
            throw new Refusal(WRONG_SERVICE, "The credential scope names service '" + service + "' but this "
                    + "endpoint expects signing name '" + expectedService + "'. Sign for service " + expectedService
                    + ".");
        }
        if (!terminator.equals(SigV4.TERMINATOR)) {
            throw new Refusal(WRONG_TERMINATOR, "The credential scope ends with '" + terminator + "' instead of '"
                    + SigV4.TERMINATOR + "'.");
        }
    }
}
