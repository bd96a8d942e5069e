/**
 * SigV4 signature checks for every door of the emulator.
 *
 * <p>Entry point: {@link dev.iotlocal.sigv4.SigV4Verifier}, built from a {@link dev.iotlocal.sigv4.CredentialStore},
 * {@link dev.iotlocal.sigv4.SigV4Settings} and a {@link java.time.Clock}. It checks a
 * {@link dev.iotlocal.sigv4.SignedRequest} (the request as it arrived, undecoded) and answers a
 * {@link dev.iotlocal.sigv4.Verification}: accepted with the caller's credential, or refused with a
 * {@link dev.iotlocal.sigv4.RefusalReason} and a sentence saying what to fix.
 *
 * <p>Decisions where AWS is not explicit (each is tested):
 * <ul>
 *   <li>Paths are normalised (dot and empty segments removed) before being encoded again, as for every AWS
 *       service but S3; the aws4_testsuite's normalize-path cases therefore all apply.</li>
 *   <li>Presigned URLs sign the SHA-256 of the empty payload. UNSIGNED-PAYLOAD is refused there
 *       ({@code unsupported-payload}): no AWS IoT signer produces it, only S3 presigners and clients that turn
 *       payload signing off. Header-signed requests may announce UNSIGNED-PAYLOAD in x-amz-content-sha256, as
 *       AWS SDK v2 does with payload signing off.</li>
 *   <li>A presigned URL's session token is appended after signing; a signed one is refused
 *       ({@code session-token-signed}). A header-signed request's token must be a signed header
 *       ({@code session-token-not-signed}).</li>
 *   <li>A token sent with a long-term key, or another key's token, is refused ({@code session-token-mismatch});
 *       a temporary key without its token too ({@code session-token-missing}).</li>
 *   <li>In query strings '+' is a literal plus, not a space (SigV4 signers write spaces as %20), so a base64
 *       token appended without URL-encoding still matches. Bad percent-encoding is refused
 *       ({@code malformed-query}).</li>
 *   <li>SignedHeaders must be lowercase, sorted and without repeats, as every SigV4 signer writes it.</li>
 *   <li>X-Amz-Expires is ignored; presigned URLs live {@link dev.iotlocal.sigv4.SigV4Settings#presignedUrlMaxAge()}
 *       after X-Amz-Date. Header-signed requests must be within the clock skew both ways; presigned URLs must
 *       not be dated beyond it in the future.</li>
 * </ul>
 */
package dev.iotlocal.sigv4;
