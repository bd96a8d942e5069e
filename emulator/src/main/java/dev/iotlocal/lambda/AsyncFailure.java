package dev.iotlocal.lambda;

import java.time.Instant;
import java.util.Optional;

/**
 * An asynchronous event Lambda gave up on: it failed every attempt, or stayed throttled past its maximum age. On
 * AWS the invocation record goes to the function's on-failure destination; the emulator logs it and keeps it here.
 *
 * @param condition              {@code RetriesExhausted} or {@code EventAgeExceeded}, as in AWS's record
 * @param approximateInvokeCount how often the function ran with the event
 * @param lastResult             how the last attempt ended; empty when the function never ran
 * @param record                 the invocation record as Lambda sends it to the destination (JSON)
 */
public record AsyncFailure(
        String functionName,
        String requestId,
        String condition,
        int approximateInvokeCount,
        byte[] event,
        Optional<InvocationResult> lastResult,
        Instant timestamp,
        String record) {
}
