package dev.iotlocal.lambda.internal;

import java.io.PrintStream;
import java.util.Map;

/**
 * What {@code System.getenv}, {@code System.out} and {@code System.err} are inside one execution environment.
 *
 * <p>Lambda gives every execution environment its own process: its own environment variables, and standard
 * output and error that go to the function's log stream. In one JVM that is impossible, so each environment's
 * class loader defines its own copy of this class, and the function's classes (its own code and its libraries,
 * the AWS SDK included) are rewritten to call it. The static fields are therefore per execution environment,
 * never shared: the emulator sets them once, right after defining the class, before any function code runs.
 * Not for use outside the emulator.
 */
public final class ProcessEnvironment {

    private static volatile Map<String, String> variables = Map.of();
    private static volatile PrintStream out;
    private static volatile PrintStream err;

    private ProcessEnvironment() {
    }

    /** Called once by the emulator on this loader's copy of the class. */
    public static void install(Map<String, String> environment, PrintStream standardOutput, PrintStream standardError) {
        variables = Map.copyOf(environment);
        out = standardOutput;
        err = standardError;
    }

    /** Replaces {@code System.getenv(String)}. */
    public static String getenv(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        return variables.get(name);
    }

    /** Replaces {@code System.getenv()}. */
    public static Map<String, String> getenv() {
        return variables;
    }

    /** Replaces reads of {@code System.out}. */
    public static PrintStream out() {
        return out;
    }

    /** Replaces reads of {@code System.err}. */
    public static PrintStream err() {
        return err;
    }

    /** Replaces {@code System.setOut}: only this environment's code writes to the new stream. */
    public static void setOut(PrintStream stream) {
        if (stream == null) {
            throw new NullPointerException("stream");
        }
        out = stream;
    }

    /** Replaces {@code System.setErr}. */
    public static void setErr(PrintStream stream) {
        if (stream == null) {
            throw new NullPointerException("stream");
        }
        err = stream;
    }

    /** Replaces {@code System.exit(int)}: ends the invocation, not the JVM. */
    public static void exit(int status) {
        throw new FunctionExit(status);
    }

    /** Replaces {@code Runtime.exit(int)} and {@code Runtime.halt(int)}. */
    public static void exit(Runtime runtime, int status) {
        throw new FunctionExit(status);
    }
}
