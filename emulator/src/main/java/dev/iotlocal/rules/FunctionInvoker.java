package dev.iotlocal.rules;

/** How a Lambda action reaches a function: an asynchronous ({@code Event}) invocation, as AWS IoT makes. */
@FunctionalInterface
public interface FunctionInvoker {
    void invokeAsync(String functionName, byte[] event);
}
