package dev.iotlocal.lambda.internal;

/**
 * Thrown in place of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} called by function code:
 * on AWS such a call ends the execution environment's process ({@code Runtime.ExitError}); here it must end only
 * the invocation, never the emulator. Not for use outside the emulator.
 */
public final class FunctionExit extends Error {

    private final int status;

    public FunctionExit(int status) {
        super("RequestId exited with status " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
