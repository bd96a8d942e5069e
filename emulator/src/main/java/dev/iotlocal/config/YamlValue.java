package dev.iotlocal.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value that remembers where it was written. {@code tag} is a CloudFormation short-form tag
 * ({@code !GetAtt}, {@code !Sub}, ...) or "" for ordinary values.
 */
sealed interface YamlValue permits YamlValue.Scalar, YamlValue.Mapping, YamlValue.Sequence {

    SourceLocation location();

    String tag();

    /** The same value placed at {@code at}: the top takes that location, children keep their line and column. */
    YamlValue relocated(SourceLocation at);

    /** Words for error messages: "a map", "the number 5", "the text 'abc'". */
    String describe();

    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /**
     * A scalar as YAML 1.2 reads it. {@code verbatim} marks text produced by variable resolution, which is
     * never parsed for variables again (an environment value may contain "${").
     */
    record Scalar(Kind kind, String text, String tag, boolean verbatim, SourceLocation location) implements YamlValue {

        static Scalar of(Object value, SourceLocation location) {
            if (value == null) {
                return new Scalar(Kind.NULL, "null", "", true, location);
            }
            if (value instanceof Boolean b) {
                return new Scalar(Kind.BOOL, b.toString(), "", true, location);
            }
            if (value instanceof BigInteger || value instanceof Long || value instanceof Integer) {
                return new Scalar(Kind.INT, value.toString(), "", true, location);
            }
            if (value instanceof Number n) {
                return new Scalar(Kind.FLOAT, n.toString(), "", true, location);
            }
            return new Scalar(Kind.STRING, value.toString(), "", true, location);
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        /** The value as a string the way JavaScript (serverless) would print it; null for a YAML null. */
        String asText() {
            return switch (kind) {
                case STRING -> text;
                case NULL -> null;
                case BOOL -> text.toLowerCase(Locale.ROOT);
                case INT -> integerValue().map(BigInteger::toString).orElse(text);
                case FLOAT -> jsNumber(text);
            };
        }

        Optional<BigInteger> integerValue() {
            String t = text.replace("_", "");
            int sign = 1;
            if (t.startsWith("-") || t.startsWith("+")) {
                sign = t.startsWith("-") ? -1 : 1;
                t = t.substring(1);
            }
            try {
                BigInteger magnitude;
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    magnitude = new BigInteger(t.substring(2), 16);
                } else if (t.startsWith("0o")) {
                    magnitude = new BigInteger(t.substring(2), 8);
                } else {
                    magnitude = new BigDecimal(t).toBigIntegerExact();
                }
                return Optional.of(sign < 0 ? magnitude.negate() : magnitude);
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }

        private static String jsNumber(String yaml) {
            String t = yaml.toLowerCase(Locale.ROOT);
            if (t.endsWith(".inf")) {
                return t.startsWith("-") ? "-Infinity" : "Infinity";
            }
            if (t.equals(".nan")) {
                return "NaN";
            }
            try {
                BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return yaml;
            }
        }

        @Override
        public YamlValue relocated(SourceLocation at) {
            return new Scalar(kind, text, tag, verbatim, at);
        }

        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "empty";
                case STRING -> "the text '" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
                case INT, FLOAT -> "the number " + asText();
                case BOOL -> asText();
            };
        }
    }

    /** A map; keys keep their order and the place they were written. */
    record Mapping(Map<String, Entry> entries, String tag, SourceLocation location) implements YamlValue {

        record Entry(SourceLocation keyLocation, YamlValue value) {
        }

        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<YamlValue> get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? Optional.empty() : Optional.of(entry.value());
        }

        @Override
        public YamlValue relocated(SourceLocation at) {
            Map<String, Entry> moved = new LinkedHashMap<>();
            entries.forEach((key, entry) -> moved.put(key, new Entry(
                    rebase(entry.keyLocation(), location.keyPath(), at.keyPath()),
                    entry.value().relocated(rebase(entry.value().location(), location.keyPath(), at.keyPath())))));
            return new Mapping(moved, tag, at);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Sequence(List<YamlValue> items, String tag, SourceLocation location) implements YamlValue {

        public Sequence {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public YamlValue relocated(SourceLocation at) {
            List<YamlValue> moved = new ArrayList<>();
            for (YamlValue item : items) {
                moved.add(item.relocated(rebase(item.location(), location.keyPath(), at.keyPath())));
            }
            return new Sequence(moved, tag, at);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** Moves a child's key path from under {@code oldPrefix} to under {@code newPrefix}. */
    private static SourceLocation rebase(SourceLocation child, String oldPrefix, String newPrefix) {
        String path = child.keyPath();
        if (!path.startsWith(oldPrefix)) {
            return child;
        }
        String suffix = path.substring(oldPrefix.length());
        if (oldPrefix.isEmpty() && !suffix.isEmpty() && !suffix.startsWith("[")) {
            suffix = "." + suffix;
        }
        if (newPrefix.isEmpty() && suffix.startsWith(".")) {
            suffix = suffix.substring(1);
        }
        return child.withKeyPath(newPrefix + suffix);
    }

    /** The key path of a map entry below {@code parent}. */
    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String itemPath(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
