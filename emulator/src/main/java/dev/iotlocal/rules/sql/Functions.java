package dev.iotlocal.rules.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The function library: lookup by name, the functions iotlocal refuses, and spelling suggestions. */
final class Functions {

    /** AWS functions that call another AWS service; a rule using one is refused rather than half-run. */
    static final Set<String> EXTERNAL = Set.of("aws_lambda", "get_dynamodb", "get_secret", "get_thing_shadow",
            "get_registry_data", "machinelearning_predict");

    private static final Map<String, FunctionDef> BY_NAME = index();

    private Functions() {
    }

    private static Map<String, FunctionDef> index() {
        Map<String, FunctionDef> m = new HashMap<>();
        for (List<FunctionDef> group : List.of(MathFunctions.definitions(), StringFunctions.definitions(),
                ValueFunctions.definitions(), ContextFunctions.definitions())) {
            for (FunctionDef f : group) {
                if (m.put(f.name(), f) != null) {
                    throw new IllegalStateException("function defined twice: " + f.name());
                }
            }
        }
        return Map.copyOf(m);
    }

    /** The function called {@code name} in any case, or null. */
    static FunctionDef lookup(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    static boolean isExternal(String name) {
        return EXTERNAL.contains(name.toLowerCase(Locale.ROOT));
    }

    /** All names, sorted; for documentation and tests. */
    static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** The known name closest to a misspelled one (1 edit away for short names, 2 for longer), or null. */
    static String closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = lower.length() <= 4 ? 2 : 3;
        for (String candidate : names()) {
            int d = distance(lower, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A definition; shared by the function groups. */
    static FunctionDef def(String name, String usage, int min, int max, FunctionDef.Body body) {
        return new FunctionDef(name, usage, min, max, false, false, body);
    }

    /** A definition AWS supports only from SQL version 2016-03-23. */
    static FunctionDef def2016(String name, String usage, int min, int max, FunctionDef.Body body) {
        return new FunctionDef(name, usage, min, max, true, false, body);
    }
}
