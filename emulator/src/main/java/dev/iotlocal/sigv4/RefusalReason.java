package dev.iotlocal.sigv4;

/** Why a signed request was refused. Each has a stable {@link #code()} for logs and JSON. */
public enum RefusalReason {
    /** No Authorization header (signed HTTP APIs). */
    MISSING_AUTHORIZATION("missing-authorization"),
    /** The Authorization header is not {@code ALGORITHM Credential=..., SignedHeaders=..., Signature=...}. */
    MALFORMED_AUTHORIZATION("malformed-authorization"),
    /** A required signing parameter or header is absent. */
    MISSING_PARAMETER("missing-parameter"),
    /** A signing parameter or header appears more than once. */
    DUPLICATE_PARAMETER("duplicate-parameter"),
    /** The query string has a broken percent-encoding or is not UTF-8. */
    MALFORMED_QUERY("malformed-query"),
    /** Not AWS4-HMAC-SHA256 (SigV4a and SigV2 are not supported). */
    UNSUPPORTED_ALGORITHM("unsupported-algorithm"),
    /** X-Amz-Date (or Date) is not a valid timestamp. */
    MALFORMED_DATE("malformed-date"),
    /** The credential is not {@code AKID/yyyyMMdd/region/service/aws4_request}. */
    MALFORMED_CREDENTIAL("malformed-credential"),
    /** The credential scope's date is not the day of X-Amz-Date. */
    CREDENTIAL_DATE_MISMATCH("credential-date-mismatch"),
    /** The credential scope names another region than the emulator's. */
    WRONG_REGION("wrong-region"),
    /** The credential scope names another service than the one called. */
    WRONG_SERVICE("wrong-service"),
    /** The credential scope does not end with aws4_request. */
    WRONG_TERMINATOR("wrong-terminator"),
    /** SignedHeaders is not a sorted, lowercase, ';'-separated list of names. */
    MALFORMED_SIGNED_HEADERS("malformed-signed-headers"),
    /** SignedHeaders does not include host. */
    HOST_NOT_SIGNED("host-not-signed"),
    /** SignedHeaders lists a header the request does not carry. */
    SIGNED_HEADER_ABSENT("signed-header-absent"),
    /** The signature is not 64 lowercase hex digits. */
    MALFORMED_SIGNATURE("malformed-signature"),
    /** The request's date is further from the server clock than the allowed skew. */
    CLOCK_SKEW("clock-skew"),
    /** The presigned URL is older than the allowed age. */
    URL_EXPIRED("url-expired"),
    /** x-amz-content-sha256 is not the SHA-256 of the body. */
    PAYLOAD_HASH_MISMATCH("payload-hash-mismatch"),
    /** x-amz-content-sha256 announces a payload mode this emulator does not accept here (streaming, unsigned). */
    UNSUPPORTED_PAYLOAD("unsupported-payload"),
    /** The access key id is not in the credential store. */
    UNKNOWN_ACCESS_KEY("unknown-access-key"),
    /** The signature is not the one computed with the key's secret. */
    SIGNATURE_MISMATCH("signature-mismatch"),
    /** A presigned URL's session token was part of the signed query; AWS IoT wants it appended after signing. */
    SESSION_TOKEN_SIGNED("session-token-signed"),
    /** A header-signed request sent X-Amz-Security-Token without signing it. */
    SESSION_TOKEN_NOT_SIGNED("session-token-not-signed"),
    /** The access key is temporary but the request carries no session token. */
    SESSION_TOKEN_MISSING("session-token-missing"),
    /** The request's session token does not belong to the access key. */
    SESSION_TOKEN_MISMATCH("session-token-mismatch");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    /** Short, stable, lowercase: safe to match on in logs, JSON and tests. */
    public String code() {
        return code;
    }
}
