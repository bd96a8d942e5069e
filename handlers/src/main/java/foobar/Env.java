package foobar;

import java.util.Map;

/** Reads configuration from an environment map: System.getenv() in Lambda, a plain map in tests. */
final class Env {
    private Env() {
    }

    static String required(Map<String, String> env, String name, String hint) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: " + hint);
        }
        return value.trim();
    }

    static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
