package dev.iotlocal.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One completed invocation, as CloudWatch and the caller would see it.
 *
 * @param initDuration present on a cold start: loading the class, static initialisation and constructor
 * @param logLines     START, the function's own lines, END and REPORT, as they appeared in the log
 */
public record Invocation(
        String requestId,
        String functionName,
        InvocationType type,
        byte[] event,
        InvocationResult result,
        Instant startTime,
        Duration duration,
        Optional<Duration> initDuration,
        List<String> logLines) {

    public Invocation {
        logLines = List.copyOf(logLines);
    }

    /** The same invocation, ending otherwise. */
    Invocation withResult(InvocationResult newResult) {
        return new Invocation(requestId, functionName, type, event, newResult, startTime, duration, initDuration, logLines);
    }

    public boolean succeeded() {
        return result instanceof InvocationResult.Success;
    }

    public boolean timedOut() {
        return result instanceof InvocationResult.Failure f && f.cause() == InvocationResult.Cause.TIMEOUT;
    }

    public boolean coldStart() {
        return initDuration.isPresent();
    }

    /** Lambda's invocation types. */
    public enum InvocationType {
        /** Synchronous: the caller waits for the result. */
        REQUEST_RESPONSE("RequestResponse"),
        /** Asynchronous: queued, as IoT rules and other AWS services invoke. */
        EVENT("Event");

        private final String awsName;

        InvocationType(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }
}
