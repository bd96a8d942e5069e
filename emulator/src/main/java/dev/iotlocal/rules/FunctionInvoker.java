package dev.iotlocal.rules;

/** How a Lambda action reaches a function: an asynchronous ({@code Event}) invocation, as AWS IoT makes. */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * Hands the event to Lambda and returns once Lambda has accepted it. What the function then does, errors
     * included, is Lambda's business: as on AWS, it never reaches the rule.
     *
     * @throws RuntimeException when Lambda refuses the invocation (no such function, throttled, closed); the
     *                          message says why, and the rule's error action runs
     */
    void invokeAsync(String functionName, byte[] event);
}
