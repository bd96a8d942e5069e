package dev.iotlocal.sigv4;

import java.time.Duration;
import java.util.Objects;

/**
 * How strict the verifier is.
 *
 * @param region             the only region accepted in credential scopes, e.g. {@code us-east-1}
 * @param clockSkew          how far a request's date may be from the server clock (AWS: 5 minutes)
 * @param presignedUrlMaxAge how long a presigned URL works after its X-Amz-Date; X-Amz-Expires is ignored, as
 *                           AWS IoT does (AWS IoT: about 15 minutes)
 */
public record SigV4Settings(String region, Duration clockSkew, Duration presignedUrlMaxAge) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PRESIGNED_URL_MAX_AGE = Duration.ofMinutes(15);

    public SigV4Settings {
        if (region == null || region.isBlank() || !region.equals(region.strip()) || region.contains("/")) {
            throw new IllegalArgumentException("sigv4 region must be a region name such as 'us-east-1', got '"
                    + region + "'");
        }
        Objects.requireNonNull(clockSkew, "sigv4 clockSkew must not be null");
        Objects.requireNonNull(presignedUrlMaxAge, "sigv4 presignedUrlMaxAge must not be null");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("sigv4 clockSkew must not be negative, got " + clockSkew);
        }
        if (presignedUrlMaxAge.isNegative() || presignedUrlMaxAge.isZero()) {
            throw new IllegalArgumentException("sigv4 presignedUrlMaxAge must be positive, got " + presignedUrlMaxAge);
        }
    }

    /** 5 minutes of clock skew, presigned URLs valid 15 minutes. */
    public static SigV4Settings defaults(String region) {
        return new SigV4Settings(region, DEFAULT_CLOCK_SKEW, DEFAULT_PRESIGNED_URL_MAX_AGE);
    }

    public SigV4Settings withClockSkew(Duration clockSkew) {
        return new SigV4Settings(region, clockSkew, presignedUrlMaxAge);
    }

    public SigV4Settings withPresignedUrlMaxAge(Duration presignedUrlMaxAge) {
        return new SigV4Settings(region, clockSkew, presignedUrlMaxAge);
    }
}
