package dev.iotlocal.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** AWS limits the loader checks, in one place. */
final class Limits {

    static final Duration MAX_TIMEOUT = Duration.ofSeconds(900);
    static final int DEFAULT_TIMEOUT_SECONDS = 6;
    static final int MIN_MEMORY_MB = 128;
    static final int MAX_MEMORY_MB = 10240;
    static final int DEFAULT_MEMORY_MB = 1024;
    static final int MAX_RULE_NAME_LENGTH = 128;
    static final int MAX_FUNCTION_NAME_LENGTH = 64;

    private static final Pattern RULE_NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");

    private Limits() {
    }

    static boolean isValidRuleName(String name) {
        return RULE_NAME.matcher(name).matches();
    }
}
