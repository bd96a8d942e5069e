package dev.iotlocal.rules;

import java.util.Objects;

/**
 * AWS IoT's Lambda action: invokes the function asynchronously with the SELECT result as its event. Only a
 * refused invocation fails the action; the function's own errors do not, as on AWS.
 *
 * @param functionName the name Lambda knows the function by
 * @param functionArn  its ARN, which error actions report as the failed resource
 */
public record LambdaAction(String functionName, String functionArn) implements RuleAction {

    public LambdaAction {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(functionArn, "functionArn");
    }

    @Override
    public void perform(RuleOutput output, ActionTargets targets) {
        try {
            targets.functions().invokeAsync(functionName, output.output());
        } catch (RuntimeException e) {
            throw new ActionFailedException(functionArn, "Failed to invoke Lambda function " + functionArn + ": "
                    + ActionFailedException.sentence(e.getMessage()) + " Message arrived on: " + output.message().topic() + ", Action: lambda, Function: "
                    + functionArn, e);
        }
    }

    @Override
    public String actionName() {
        return "LambdaAction";
    }
}
