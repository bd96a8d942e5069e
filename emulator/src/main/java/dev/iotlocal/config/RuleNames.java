package dev.iotlocal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles rule names. Given names must be unique (AWS IoT rule names are unique per account and region).
 * A rule without a name gets its derived name; when that is taken, "_2", "_3", ... is appended, and the name
 * is cut to AWS's 128 characters.
 */
final class RuleNames {

    private RuleNames() {
    }

    /** Any text as a valid rule name part: characters outside [a-zA-Z0-9_] become '_'. */
    static String sanitize(String text) {
        return text.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    static List<TopicRuleDefinition> assign(List<RuleDraft> drafts) {
        Map<String, SourceLocation> given = new HashMap<>();
        for (RuleDraft draft : drafts) {
            draft.name().ifPresent(name -> {
                SourceLocation first = given.putIfAbsent(name, draft.nameLocation());
                if (first != null) {
                    throw new ConfigException(draft.nameLocation(), "the rule name '" + name + "' is already used at "
                            + first + "; AWS IoT rule names must be unique. Rename one of the rules.");
                }
            });
        }
        Set<String> taken = new HashSet<>(given.keySet());
        List<TopicRuleDefinition> rules = new ArrayList<>();
        for (RuleDraft draft : drafts) {
            String name = draft.name().orElseGet(() -> unique(draft.derivedName(), taken));
            rules.add(draft.named(name));
        }
        return rules;
    }

    private static String unique(String derived, Set<String> taken) {
        String base = cut(derived, Limits.MAX_RULE_NAME_LENGTH);
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            String suffix = "_" + n;
            name = cut(base, Limits.MAX_RULE_NAME_LENGTH - suffix.length()) + suffix;
        }
        return name;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
