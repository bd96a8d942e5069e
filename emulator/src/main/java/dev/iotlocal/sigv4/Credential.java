package dev.iotlocal.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * One access key the emulator accepts: its secret and, for temporary credentials, the session token that must
 * come with it.
 */
public record Credential(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

    public Credential {
        requireText(accessKeyId, "accessKeyId");
        requireText(secretAccessKey, "secretAccessKey");
        // A slash would make the credential scope ambiguous ("AKID/date/region/service/aws4_request").
        if (accessKeyId.contains("/")) {
            throw new IllegalArgumentException("accessKeyId must not contain '/', got '" + accessKeyId + "'");
        }
        Objects.requireNonNull(sessionToken, "sessionToken must not be null: use Optional.empty()");
        sessionToken.ifPresent(token -> requireText(token, "sessionToken"));
    }

    /** Long-term credentials: no session token. */
    public static Credential of(String accessKeyId, String secretAccessKey) {
        return new Credential(accessKeyId, secretAccessKey, Optional.empty());
    }

    /** Temporary credentials: requests must carry this session token. */
    public static Credential of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new Credential(accessKeyId, secretAccessKey, Optional.of(sessionToken));
    }

    /** Never prints the secret nor the token, so a credential can be logged. */
    @Override
    public String toString() {
        return "Credential[accessKeyId=" + accessKeyId + ", secretAccessKey=****, sessionToken="
                + (sessionToken.isPresent() ? "****" : "none") + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
    }
}
