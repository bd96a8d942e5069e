package dev.iotlocal.lambda;

import java.util.Objects;
import java.util.Optional;

/**
 * Lambda refused an invocation before the function ran: what the Invoke API answers with an error status, in
 * AWS's words ({@code TooManyRequestsException}, {@code RequestTooLargeException}, ...).
 */
public class LambdaServiceException extends RuntimeException {

    private final String errorType;
    private final int statusCode;
    private final String reason;

    public LambdaServiceException(String errorType, int statusCode, String message, String reason) {
        super(message);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.statusCode = statusCode;
        this.reason = reason;
    }

    /** Throttled: the account's or the function's concurrency is in use. Lambda answers "Rate Exceeded.". */
    static LambdaServiceException throttled(boolean reserved) {
        return new LambdaServiceException("TooManyRequestsException", 429, "Rate Exceeded.",
                reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded" : "ConcurrentInvocationLimitExceeded");
    }

    static LambdaServiceException requestTooLarge(int limit) {
        return new LambdaServiceException("RequestTooLargeException", 413,
                "Request must be smaller than " + limit + " bytes for the InvokeFunction operation", null);
    }

    static LambdaServiceException invalidJson(String detail) {
        return new LambdaServiceException("InvalidRequestContentException", 400,
                "Could not parse request body into json: " + detail, null);
    }

    static LambdaServiceException stopped() {
        return new LambdaServiceException("ServiceException", 500, "The Lambda runtime was closed.", null);
    }

    /** AWS's exception name, e.g. {@code TooManyRequestsException}; the SDK's error code. */
    public String errorType() {
        return errorType;
    }

    /** The HTTP status the Invoke API answers with. */
    public int statusCode() {
        return statusCode;
    }

    /** The {@code Reason} Lambda adds to some errors, e.g. {@code ConcurrentInvocationLimitExceeded}. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
