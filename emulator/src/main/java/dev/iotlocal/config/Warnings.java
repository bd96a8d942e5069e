package dev.iotlocal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Warnings of one load: ignored keys and events, each with its place. Never fatal. */
final class Warnings {

    private final List<String> messages = new ArrayList<>();

    void add(SourceLocation at, String message) {
        messages.add(at + ": " + message);
    }

    /** Warns for each key of {@code mapping} that is neither read nor knowingly ignored. */
    void unknownKeys(YamlValue.Mapping mapping, Set<String> known, String where) {
        mapping.entries().forEach((key, entry) -> {
            if (!known.contains(key)) {
                add(entry.keyLocation(), "unknown key '" + key + "' in " + where
                        + " is ignored by iotlocal. Check its spelling and indentation.");
            }
        });
    }

    List<String> list() {
        return List.copyOf(messages);
    }
}
