package dev.iotlocal.lambda;

/** Lambda's {@code ResourceNotFoundException} (404) for a function name that is not deployed. */
public final class FunctionNotFoundException extends LambdaServiceException {

    /**
     * @param arn   the ARN of the function asked for, as Lambda names it in the message
     * @param known the deployed names, for the hint
     */
    public FunctionNotFoundException(String arn, Iterable<String> known) {
        super("ResourceNotFoundException", 404, "Function not found: " + arn + ". Deployed functions: "
                + String.join(", ", known), null);
    }
}
