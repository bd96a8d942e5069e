package dev.iotlocal.rules;

/** What a rule does with a message its SQL selected. One implementation per AWS IoT action type. */
public interface RuleAction {

    /** @throws RuntimeException when the action cannot be performed (the rule's error action then applies) */
    void perform(RuleOutput output);

    /** The action's name as AWS IoT reports it in error actions, e.g. {@code LambdaAction}. */
    String actionName();
}
