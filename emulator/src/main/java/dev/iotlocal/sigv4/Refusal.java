package dev.iotlocal.sigv4;

/** Thrown inside the package to stop at the first failed check; leaves it as a {@link Verification.Refused}. */
final class Refusal extends Exception {

    private final RefusalReason reason;

    Refusal(RefusalReason reason, String message) {
        // No stack trace: refusals are expected outcomes, not bugs, and may be frequent.
        super(message, null, false, false);
        this.reason = reason;
    }

    Verification.Refused toVerification() {
        return new Verification.Refused(reason, getMessage());
    }
}
