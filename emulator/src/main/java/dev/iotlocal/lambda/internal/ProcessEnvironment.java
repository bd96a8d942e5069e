package dev.iotlocal.lambda.internal;

import java.util.Map;

/**
 * What {@code System.getenv} returns inside one execution environment.
 *
 * <p>Lambda gives every execution environment its own process environment. In one JVM that is impossible, so
 * each environment's class loader defines its own copy of this class, and calls to {@code System.getenv} in the
 * function's classes (its own code and its libraries, the AWS SDK included) are rewritten to call it. The static
 * field is therefore per execution environment, never shared: the emulator sets it once, right after defining
 * the class, before any function code runs. Not for use outside the emulator.
 */
public final class ProcessEnvironment {

    private static volatile Map<String, String> variables = Map.of();

    private ProcessEnvironment() {
    }

    /** Called once by the emulator on this loader's copy of the class. */
    public static void install(Map<String, String> environment) {
        variables = Map.copyOf(environment);
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

    /** Replaces {@code System.exit(int)}: ends the invocation, not the JVM. */
    public static void exit(int status) {
        throw new FunctionExit(status);
    }

    /** Replaces {@code Runtime.exit(int)} and {@code Runtime.halt(int)}. */
    public static void exit(Runtime runtime, int status) {
        throw new FunctionExit(status);
    }
}
