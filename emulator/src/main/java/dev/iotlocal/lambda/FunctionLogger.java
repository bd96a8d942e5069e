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
 *
 * <p>What is kept with an invocation is bounded (lines and characters), so a function that logs megabytes cannot
 * fill the emulator's memory through its recent invocations; the runtime's own lines (START, END, REPORT, the
 * reason of a failure) are always kept, and a note says how much was left out. The emulator's log has everything.
 */
final class FunctionLogger implements LambdaLogger {

    static final int MAX_LINES_KEPT = 10_000;
    static final int MAX_CHARACTERS_KEPT = 1024 * 1024;

    private final Logger log;
    private List<String> current;
    private long keptCharacters;
    private long droppedLines;
    private long droppedCharacters;

    FunctionLogger(String functionName) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
    }

    synchronized void beginInvocation() {
        current = new ArrayList<>();
        keptCharacters = 0;
        droppedLines = 0;
        droppedCharacters = 0;
    }

    synchronized List<String> endInvocation() {
        List<String> lines = current == null ? List.of() : current;
        current = null;
        return lines;
    }

    @Override
    public void log(String message) {
        String line = line(message);
        log.info(line);
        synchronized (this) {
            if (current == null) {
                return;
            }
            if (current.size() < MAX_LINES_KEPT && keptCharacters + line.length() <= MAX_CHARACTERS_KEPT) {
                current.add(line);
                keptCharacters += line.length();
            } else {
                droppedLines++;
                droppedCharacters += line.length();
            }
        }
    }

    /** A line of the runtime itself (END, REPORT, why it failed): kept whatever the function logged before it. */
    void logRuntime(String message) {
        String line = line(message);
        log.info(line);
        synchronized (this) {
            if (current == null) {
                return;
            }
            if (droppedLines > 0) {
                current.add("[iotlocal] " + droppedLines + " more line(s) (" + droppedCharacters + " characters) are not"
                        + " kept with this invocation, which keeps " + MAX_LINES_KEPT + " lines or "
                        + MAX_CHARACTERS_KEPT + " characters at most; the emulator's log has them all, under " + log.getName() + ".");
                droppedLines = 0;
                droppedCharacters = 0;
            }
            current.add(line);
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    private static String line(String message) {
        return message == null ? "null" : message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    }
}
