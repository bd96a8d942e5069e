package dev.iotlocal.lambda;

import java.nio.charset.StandardCharsets;

/** How an invocation ended, with the payload Lambda would return to a synchronous caller. */
public sealed interface InvocationResult {

    /** The response payload (JSON) or, for a failure, Lambda's error document. */
    byte[] payload();

    default String payloadAsString() {
        return new String(payload(), StandardCharsets.UTF_8);
    }

    /** The handler returned. */
    record Success(byte[] payload) implements InvocationResult {
    }

    /**
     * The handler failed: it threw ({@code Unhandled}), ran past its timeout, exited, or could not be loaded.
     * {@code payload} is {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}} as Lambda writes it.
     */
    record Failure(Cause cause, String errorType, String errorMessage, byte[] payload) implements InvocationResult {
    }

    enum Cause {
        /** The handler threw. */
        UNHANDLED,
        /** The handler ran past the function's timeout; the environment was discarded. */
        TIMEOUT,
        /** The handler called System.exit or Runtime.halt; the environment was discarded. */
        EXIT,
        /** The runtime could not load or initialise the handler. */
        INIT,
        /** The invocation kept more memory than the function's memory size; the environment was discarded. */
        OUT_OF_MEMORY,
        /** The handler's response was above Lambda's 6 MB; the environment stays warm. */
        RESPONSE_TOO_LARGE
    }
}
