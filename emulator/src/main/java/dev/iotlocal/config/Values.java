package dev.iotlocal.config;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/** Typed reads of resolved values; each failure is a ConfigException at the value, saying what was expected. */
final class Values {

    private Values() {
    }

    /** The child at {@code key}; an empty value ({@code key:} with nothing after it) counts as absent. */
    static Optional<YamlValue> child(YamlValue.Mapping mapping, String key) {
        return mapping.get(key).filter(v -> !(v instanceof YamlValue.Scalar s && s.isNull() && s.tag().isEmpty()));
    }

    static YamlValue.Mapping mapping(YamlValue value, String what) {
        if (value instanceof YamlValue.Mapping mapping && mapping.tag().isEmpty()) {
            return mapping;
        }
        throw new ConfigException(value.location(), what + " must be a map (key: value lines), but it is "
                + describe(value) + ".");
    }

    static YamlValue.Sequence sequence(YamlValue value, String what) {
        if (value instanceof YamlValue.Sequence sequence && sequence.tag().isEmpty()) {
            return sequence;
        }
        throw new ConfigException(value.location(), what + " must be a list ('- ' items), but it is "
                + describe(value) + ".");
    }

    /** Text, or a number or boolean as text (as YAML written without quotes). */
    static String text(YamlValue value, String what) {
        if (value instanceof YamlValue.Scalar scalar && !scalar.isNull() && scalar.tag().isEmpty()) {
            return scalar.asText();
        }
        throw new ConfigException(value.location(), what + " must be text, but it is " + describe(value) + ".");
    }

    /** Text that is not blank. */
    static String nonBlankText(YamlValue value, String what) {
        String text = text(value, what);
        if (text.isBlank()) {
            throw new ConfigException(value.location(), what + " must not be empty. Give it a value.");
        }
        return text;
    }

    /**
     * A whole number from {@code min} to {@code max}. Text holding digits is accepted because values that come
     * from {@code ${env:...}} are always text.
     */
    static int wholeNumber(YamlValue value, String what, int min, int max, String fix) {
        Optional<BigInteger> number = Optional.empty();
        if (value instanceof YamlValue.Scalar scalar && scalar.tag().isEmpty()) {
            number = switch (scalar.kind()) {
                case INT, FLOAT -> scalar.integerValue();
                case STRING -> scalar.text().strip().matches("[-+]?\\d{1,18}")
                        ? Optional.of(new BigInteger(scalar.text().strip().replace("+", "")))
                        : Optional.empty();
                default -> Optional.empty();
            };
        }
        if (number.isEmpty() || number.get().compareTo(BigInteger.valueOf(min)) < 0
                || number.get().compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException(value.location(), what + " must be a whole number from " + min + " to " + max
                    + ", but it is " + describe(value) + ". " + fix);
        }
        return number.get().intValueExact();
    }

    /** true or false; the text "true"/"false" too, as CloudFormation accepts it. */
    static boolean bool(YamlValue value, String what) {
        if (value instanceof YamlValue.Scalar scalar && scalar.tag().isEmpty()
                && (scalar.kind() == YamlValue.Kind.BOOL || scalar.kind() == YamlValue.Kind.STRING)) {
            String text = scalar.asText().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true");
            }
        }
        throw new ConfigException(value.location(), what + " must be true or false, but it is " + describe(value) + ".");
    }

    /** Like {@link YamlValue#describe()}, naming CloudFormation functions, which iotlocal cannot evaluate here. */
    static String describe(YamlValue value) {
        if (!value.tag().isEmpty()) {
            return "the CloudFormation function " + value.tag();
        }
        if (value instanceof YamlValue.Mapping mapping && mapping.entries().size() == 1) {
            String key = mapping.entries().keySet().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return "the CloudFormation function " + key;
            }
        }
        return value.describe();
    }

    /** True for {@code !Ref x}, {@code {Ref: x}}, {@code {"Fn::...": ...}} and the other short forms. */
    static boolean isIntrinsic(YamlValue value) {
        return describe(value).startsWith("the CloudFormation function");
    }
}
