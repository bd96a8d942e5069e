package dev.iotlocal.lambda;

/** Lambda's {@code ResourceNotFoundException} for a function name that is not deployed. */
public final class FunctionNotFoundException extends RuntimeException {

    public FunctionNotFoundException(String name, Iterable<String> known) {
        super("Function not found: " + name + ". Deployed functions: " + String.join(", ", known));
    }
}
