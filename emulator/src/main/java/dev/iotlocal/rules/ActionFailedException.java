package dev.iotlocal.rules;

import java.util.Objects;

/**
 * An action could not be performed for one message: one entry of the {@code failures} AWS IoT hands the rule's
 * error action.
 */
public final class ActionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String failedResource;

    /**
     * @param failedResource what the action acted on, as AWS names it: the function's ARN, the republish topic
     * @param errorMessage   a sentence saying what went wrong
     */
    public ActionFailedException(String failedResource, String errorMessage, Throwable cause) {
        super(errorMessage, cause);
        this.failedResource = Objects.requireNonNull(failedResource, "failedResource");
    }

    public String failedResource() {
        return failedResource;
    }

    /** {@code text} ending with a full stop, so that a cause's message reads as a sentence inside another. */
    static String sentence(String text) {
        String t = text == null || text.isBlank() ? "no reason given" : text.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
