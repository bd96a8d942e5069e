package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A function's log stream: every line goes to the emulator's log under {@code lambda.<function>}, and the lines
 * written during an invocation are kept with that invocation. One per execution environment, as on AWS.
 */
final class FunctionLogger implements LambdaLogger {

    /** Keeps a runaway handler from holding unbounded memory through its log. */
    private static final int MAX_LINES_KEPT = 10_000;

    private final Logger log;
    private List<String> current;

    FunctionLogger(String functionName) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
    }

    synchronized void beginInvocation() {
        current = new ArrayList<>();
    }

    synchronized List<String> endInvocation() {
        List<String> lines = current == null ? List.of() : current;
        current = null;
        return lines;
    }

    @Override
    public void log(String message) {
        String line = message == null ? "null" : message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        log.info(line);
        synchronized (this) {
            if (current != null && current.size() < MAX_LINES_KEPT) {
                current.add(line);
            }
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
