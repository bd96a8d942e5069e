package dev.iotlocal.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A function's standard output or error: each line becomes one line of its log, as the Java runtime sends
 * {@code System.out} and {@code System.err} to CloudWatch.
 */
final class LogLineStream extends OutputStream {

    /** CloudWatch's largest log event; a longer line without a newline is cut there. */
    private static final int MAX_LINE_BYTES = 256 * 1024;

    private final FunctionLogger logger;
    /** Above this, a line's buffer is dropped once the line is logged rather than kept for the environment's life. */
    private static final int KEPT_BUFFER_BYTES = 8 * 1024;

    private ByteArrayOutputStream line = new ByteArrayOutputStream(); // guarded by this

    LogLineStream(FunctionLogger logger) {
        this.logger = logger;
    }

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /** Logs what was written since the last newline, as the invocation ends: no output is lost for want of one. */
    synchronized void endLine() {
        if (line.size() > 0) {
            emit();
        }
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
            if (line.size() >= MAX_LINE_BYTES) {
                emit();
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        if (bytes.length > KEPT_BUFFER_BYTES) {
            line = new ByteArrayOutputStream();
        } else {
            line.reset();
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        logger.log(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
}
