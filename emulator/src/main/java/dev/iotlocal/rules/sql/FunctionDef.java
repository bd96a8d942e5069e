package dev.iotlocal.rules.sql;

import java.util.List;

/**
 * A built-in function.
 *
 * @param name       lower-case name (calls are case-insensitive: AWS's pages write Round, Ltrim, isNull)
 * @param usage      how to call it, for hints
 * @param minArgs    fewest arguments
 * @param maxArgs    most arguments; {@link Integer#MAX_VALUE} for any number
 * @param needs2016  whether AWS supports it only from SQL version 2016-03-23
 * @param rawStar    whether {@code *} as its first argument means the raw payload bytes (encode)
 * @param body       the function itself; never throws, returns Undefined for bad arguments
 */
record FunctionDef(String name, String usage, int minArgs, int maxArgs, boolean needs2016, boolean rawStar,
                   Body body) {

    interface Body {
        Value apply(List<Value> args, Scope scope);
    }

    String arityText() {
        if (minArgs == maxArgs) {
            return minArgs == 0 ? "no arguments" : minArgs == 1 ? "1 argument" : minArgs + " arguments";
        }
        if (maxArgs == Integer.MAX_VALUE) {
            return "any number of arguments";
        }
        return maxArgs == minArgs + 1 ? minArgs + " or " + maxArgs + " arguments"
                : minArgs + " to " + maxArgs + " arguments";
    }
}
