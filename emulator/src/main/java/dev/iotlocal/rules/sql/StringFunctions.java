package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Functions.def;
import static dev.iotlocal.rules.sql.Functions.def2016;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * String functions. Non-string arguments go through the standard string conversion (numbers as text,
 * arrays and objects as JSON); Null and Undefined give Undefined.
 */
final class StringFunctions {

    private static final int MAX_PAD = 1000;

    private StringFunctions() {
    }

    static List<FunctionDef> definitions() {
        return List.of(
                def("chr", "chr(int)", 1, 1, (a, s) -> chr(a.get(0))),
                def("concat", "concat(value, ...)", 0, Integer.MAX_VALUE, (a, s) -> concat(a)),
                def("endswith", "endswith(string, suffix)", 2, 2, strings2((x, y) -> Value.bool(x.endsWith(y)))),
                // Not found gives -1, as Java's indexOf; AWS does not say.
                def2016("indexof", "indexof(string, substring)", 2, 2,
                        strings2((x, y) -> Value.integer(x.indexOf(y)))),
                def2016("length", "length(string)", 1, 1, string1(x -> Value.integer(x.length()))),
                def("lower", "lower(string)", 1, 1, string1(x -> new Value.Str(x.toLowerCase(Locale.ROOT)))),
                def("lpad", "lpad(string, count)", 2, 2, (a, s) -> pad(a.get(0), a.get(1), true)),
                def("ltrim", "ltrim(string)", 1, 1, string1(x -> new Value.Str(trim(x, true, false)))),
                def2016("numbytes", "numbytes(string)", 1, 1,
                        string1(x -> Value.integer(x.getBytes(StandardCharsets.UTF_8).length))),
                def("regexp_matches", "regexp_matches(string, regex)", 2, 2,
                        regex((m, a) -> Value.bool(m.find()))),
                def("regexp_replace", "regexp_replace(string, regex, replacement)", 3, 3,
                        regex(StringFunctions::regexReplace)),
                // No match gives Undefined (there is no substring to return); AWS does not say.
                def("regexp_substr", "regexp_substr(string, regex)", 2, 2,
                        regex((m, a) -> m.find() ? new Value.Str(m.group()) : Value.UNDEFINED)),
                def("replace", "replace(string, search, replacement)", 3, 3, (a, s) -> replace(a)),
                def("rpad", "rpad(string, count)", 2, 2, (a, s) -> pad(a.get(0), a.get(1), false)),
                def("rtrim", "rtrim(string)", 1, 1, string1(x -> new Value.Str(trim(x, false, true)))),
                def("startswith", "startswith(string, prefix)", 2, 2,
                        strings2((x, y) -> Value.bool(x.startsWith(y)))),
                def("substring", "substring(string, start[, end])", 2, 3, (a, s) -> substring(a)),
                def("trim", "trim(string)", 1, 1, string1(x -> new Value.Str(trim(x, true, true)))),
                def("upper", "upper(string)", 1, 1, string1(x -> new Value.Str(x.toUpperCase(Locale.ROOT)))));
    }

    private static FunctionDef.Body string1(java.util.function.Function<String, Value> f) {
        return (a, s) -> {
            String x = Conversions.toStr(a.get(0));
            return x == null ? Value.UNDEFINED : f.apply(x);
        };
    }

    private static FunctionDef.Body strings2(BiFunction<String, String, Value> f) {
        return (a, s) -> {
            String x = Conversions.toStr(a.get(0));
            String y = Conversions.toStr(a.get(1));
            return x == null || y == null ? Value.UNDEFINED : f.apply(x, y);
        };
    }

    /** A regex function: an argument that is no string or no valid regex gives Undefined. */
    private static FunctionDef.Body regex(BiFunction<Matcher, List<Value>, Value> f) {
        return (a, s) -> {
            String x = Conversions.toStr(a.get(0));
            String re = Conversions.toStr(a.get(1));
            if (x == null || re == null) {
                return Value.UNDEFINED;
            }
            try {
                return f.apply(Pattern.compile(re).matcher(x), a);
            } catch (PatternSyntaxException e) {
                return Value.UNDEFINED;
            }
        };
    }

    private static Value regexReplace(Matcher m, List<Value> a) {
        String replacement = Conversions.toStr(a.get(2));
        if (replacement == null) {
            return Value.UNDEFINED;
        }
        try {
            return new Value.Str(m.replaceAll(replacement));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Value.UNDEFINED; // "$9" without a group 9, a lone "$" or "\"
        }
    }

    /** The ASCII character for 0..127; anything else is Undefined. */
    private static Value chr(Value v) {
        Integer code = Conversions.toClampedInt(v, -1, 128);
        if (code == null || code < 0 || code > 127) {
            return Value.UNDEFINED;
        }
        return new Value.Str(String.valueOf((char) code.intValue()));
    }

    /**
     * concat: with an Array among the arguments, one array of all items (arrays spliced in); otherwise
     * the arguments' strings joined. One argument: AWS's table says it is "returned unmodified" but its
     * example says {@code concat(1) = "1"}: the example wins, a lone non-array becomes its string.
     * Without a String argument ({@code concat(1, 2)}) the strings are joined too: "12".
     */
    private static Value concat(List<Value> args) {
        if (args.isEmpty()) {
            return Value.UNDEFINED;
        }
        boolean anyArray = false;
        for (Value v : args) {
            if (v instanceof Value.Undef || v instanceof Value.Bytes) {
                return Value.UNDEFINED;
            }
            anyArray |= v instanceof Value.Arr;
        }
        if (anyArray) {
            List<Value> items = new ArrayList<>();
            for (Value v : args) {
                if (v instanceof Value.Arr arr) {
                    items.addAll(arr.items());
                } else {
                    items.add(v);
                }
            }
            return new Value.Arr(items);
        }
        StringBuilder sb = new StringBuilder();
        for (Value v : args) {
            String x = Conversions.toStr(v);
            if (x == null) {
                return Value.UNDEFINED;
            }
            sb.append(x);
        }
        return new Value.Str(sb.toString());
    }

    /** lpad/rpad: the count (Int, Decimal or numeric string, rounded down) is clamped to 0..1000. */
    private static Value pad(Value text, Value count, boolean left) {
        String x = Conversions.toStr(text);
        Integer n = Conversions.toClampedInt(count, 0, MAX_PAD);
        if (x == null || n == null) {
            return Value.UNDEFINED;
        }
        String spaces = " ".repeat(n);
        return new Value.Str(left ? spaces + x : x + spaces);
    }

    /** Removes spaces and tabs, the white space AWS's trim pages name. */
    private static String trim(String x, boolean leading, boolean trailing) {
        int start = 0;
        int end = x.length();
        while (leading && start < end && isBlank(x.charAt(start))) {
            start++;
        }
        while (trailing && end > start && isBlank(x.charAt(end - 1))) {
            end--;
        }
        return x.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static Value replace(List<Value> a) {
        String x = Conversions.toStr(a.get(0));
        String from = Conversions.toStr(a.get(1));
        String to = Conversions.toStr(a.get(2));
        if (x == null || from == null || to == null) {
            return Value.UNDEFINED;
        }
        return new Value.Str(x.replace(from, to));
    }

    /** substring: 0-based indices, rounded down and clamped to the string; start >= end gives "". */
    private static Value substring(List<Value> a) {
        String x = Conversions.toStr(a.get(0));
        if (x == null) {
            return Value.UNDEFINED;
        }
        Integer start = Conversions.toClampedInt(a.get(1), 0, x.length());
        Integer end = a.size() > 2 ? Conversions.toClampedInt(a.get(2), 0, x.length()) : Integer.valueOf(x.length());
        if (start == null || end == null) {
            return Value.UNDEFINED;
        }
        return new Value.Str(start >= end ? "" : x.substring(start, end));
    }
}
