package dev.iotlocal.rules;

/** What a rule does with a message its SQL selected. One implementation per AWS IoT action type. */
public interface RuleAction {

    /**
     * Performs the action for one message. Runs on the rules engine's threads, never the broker's.
     *
     * @throws ActionFailedException when the action cannot be performed; the rule's error action then runs
     */
    void perform(RuleOutput output, ActionTargets targets);

    /** The action's name as AWS IoT reports it in error actions, e.g. {@code LambdaAction}. */
    String actionName();
}
