package dev.iotlocal.sigv4;

import java.util.Objects;

/** The outcome of checking a signature: accepted with the caller's credential, or refused with a reason. */
public sealed interface Verification {

    /** The signature is valid; {@code credential} says who signed. */
    record Accepted(Credential credential) implements Verification {
        public Accepted {
            Objects.requireNonNull(credential, "credential");
        }
    }

    /**
     * The signature is not valid. {@code message} is a sentence saying what failed and what to fix; it never holds
     * a secret, but may show the canonical request and string to sign expected, as AWS's own error does.
     */
    record Refused(RefusalReason reason, String message) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
