package dev.iotlocal.sigv4;

import static dev.iotlocal.sigv4.RefusalReason.DUPLICATE_PARAMETER;
import static dev.iotlocal.sigv4.RefusalReason.PAYLOAD_HASH_MISMATCH;
import static dev.iotlocal.sigv4.RefusalReason.UNSUPPORTED_PAYLOAD;

import java.util.List;
import java.util.Optional;

/**
 * The last line of the canonical request, and what x-amz-content-sha256 may say about it.
 *
 * <p>Header-signed requests: the SHA-256 of the body, or the x-amz-content-sha256 value when sent (it must then
 * be the body's hash, or UNSIGNED-PAYLOAD, which AWS SDK v2 sends when payload signing is turned off).
 * Streaming (chunk-signed) payloads are S3's and are refused.
 *
 * <p>Presigned URLs: always the SHA-256 of the empty payload. AWS IoT's own signers (aws-iot-device-sdk-js
 * signUrl, aws-c-auth's WebSocket handshake) and AWS SDK v2's AwsV4HttpSigner with default settings all use it.
 * UNSIGNED-PAYLOAD shows up only from S3-style presigners or when a client turns payload signing off; no AWS IoT
 * client does that, and AWS IoT is not documented to take it, so it is refused (the stricter choice) with a
 * reason that says so.
 */
final class PayloadHash {

    static final String HEADER = "x-amz-content-sha256";

    private PayloadHash() {
    }

    static String forHeaderSigned(SignedRequest request) throws Refusal {
        String bodyHash = request.bodySha256Hex();
        Optional<String> declared = declared(request);
        if (declared.isEmpty()) {
            return bodyHash;
        }
        String value = declared.get();
        if (value.equals(SigV4.UNSIGNED_PAYLOAD)) {
            return value;
        }
        checkNotStreaming(value);
        if (!value.equalsIgnoreCase(bodyHash)) {
            throw new Refusal(PAYLOAD_HASH_MISMATCH, "x-amz-content-sha256 is '" + value + "' but the body ("
                    + request.bodyLength() + " bytes) hashes to '" + bodyHash + "'. Send the body that was "
                    + "signed, or the hex SHA-256 of the body sent.");
        }
        return value;
    }

    /** A presigned URL may sign x-amz-content-sha256 (AWS SDK v2 does), but only with the empty-payload hash. */
    static void checkPresigned(SignedRequest request, SigningParameters.Checked signed) throws Refusal {
        if (!signed.signedHeaderNames().contains(HEADER)) {
            return;
        }
        String value = declared(request).orElse(SigV4.EMPTY_SHA256);
        if (value.equals(SigV4.UNSIGNED_PAYLOAD)) {
            throw unsignedPayloadInPresignedUrl();
        }
        checkNotStreaming(value);
        if (!value.equals(SigV4.EMPTY_SHA256)) {
            throw new Refusal(PAYLOAD_HASH_MISMATCH, "x-amz-content-sha256 is '" + value + "' but a presigned "
                    + "URL's payload is empty, whose hash is '" + SigV4.EMPTY_SHA256 + "'. Sign the empty payload.");
        }
    }

    static Refusal unsignedPayloadInPresignedUrl() {
        return new Refusal(UNSUPPORTED_PAYLOAD, "The presigned URL was signed with UNSIGNED-PAYLOAD. AWS IoT "
                + "presigned URLs sign the SHA-256 of the empty payload (" + SigV4.EMPTY_SHA256 + "): turn "
                + "payload signing on, or use an AWS IoT signer rather than an S3 presigner.");
    }

    private static Optional<String> declared(SignedRequest request) throws Refusal {
        List<String> values = request.header(HEADER);
        if (values.size() > 1) {
            throw new Refusal(DUPLICATE_PARAMETER, "The " + HEADER + " header appears " + values.size()
                    + " times. Send it once.");
        }
        return values.stream().findFirst().map(String::strip);
    }

    private static void checkNotStreaming(String value) throws Refusal {
        if (value.startsWith("STREAMING-")) {
            throw new Refusal(UNSUPPORTED_PAYLOAD, "x-amz-content-sha256 is '" + value + "': chunk-signed "
                    + "streaming payloads are an S3 feature this endpoint does not take. Sign the whole body.");
        }
    }
}
