package dev.iotlocal.rules;

import java.util.Objects;

/** AWS IoT's Lambda action: invokes the function asynchronously with the SELECT result as its event. */
public record LambdaAction(String functionName, FunctionInvoker invoker) implements RuleAction {

    public LambdaAction {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(invoker, "invoker");
    }

    @Override
    public void perform(RuleOutput output) {
        invoker.invokeAsync(functionName, output.output());
    }

    @Override
    public String actionName() {
        return "LambdaAction";
    }
}
