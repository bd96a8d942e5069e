package dev.iotlocal.config;

import dev.iotlocal.config.VariableSyntax.Literal;
import dev.iotlocal.config.VariableSyntax.Nested;
import dev.iotlocal.config.VariableSyntax.Reference;
import dev.iotlocal.config.VariableSyntax.Source;
import dev.iotlocal.config.VariableSyntax.Template;
import dev.iotlocal.config.VariableSyntax.Text;
import dev.iotlocal.config.VariableSyntax.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves {@code ${self:...}}, {@code ${opt:stage|region}}, {@code ${env:NAME}} and {@code ${sls:stage}} the way
 * serverless does: sources are tried left to right, a whole-value variable keeps the referenced type, variables
 * inside text become text. Only values the loader reads are resolved, so an {@code ${ssm:...}} under
 * {@code custom} or {@code provider.iam} that iotlocal never uses does not stop it.
 */
final class VariableResolver {

    private final YamlValue.Mapping root;
    private final LoadOptions options;
    private final Map<YamlValue, YamlValue> resolved = new IdentityHashMap<>();
    private final Deque<YamlValue> inProgress = new ArrayDeque<>();

    VariableResolver(YamlValue.Mapping root, LoadOptions options) {
        this.root = root;
        this.options = options;
    }

    /** {@code value} with every variable in it, at any depth, replaced. */
    YamlValue resolve(YamlValue value) {
        YamlValue done = resolved.get(value);
        if (done != null) {
            return done;
        }
        if (inProgress.stream().anyMatch(v -> v == value)) {
            throw cycle(value);
        }
        inProgress.push(value);
        try {
            YamlValue result;
            if (value instanceof YamlValue.Scalar scalar) {
                result = resolveScalar(scalar);
            } else if (value instanceof YamlValue.Mapping mapping) {
                result = resolveMapping(mapping);
            } else {
                result = resolveSequence((YamlValue.Sequence) value);
            }
            resolved.put(value, result);
            return result;
        } finally {
            inProgress.pop();
        }
    }

    /** Resolves a value only when it is itself a variable (so its children can be read); leaves maps as they are. */
    YamlValue shallow(YamlValue value) {
        return value instanceof YamlValue.Scalar scalar && hasVariables(scalar) ? resolve(scalar) : value;
    }

    /** The stage serverless deploys to: --stage, else provider.stage, else "dev" (what {@code ${sls:stage}} gives). */
    String stage() {
        return options.stage().orElseGet(() -> configured("provider.stage").orElse("dev"));
    }

    /** --region, else provider.region, else "us-east-1". */
    String region() {
        return options.region().orElseGet(() -> configured("provider.region").orElse("us-east-1"));
    }

    private Optional<String> configured(String path) {
        return lookupSelf(path).map(this::resolve)
                .flatMap(v -> v instanceof YamlValue.Scalar s ? Optional.ofNullable(s.asText()) : Optional.empty());
    }

    private boolean hasVariables(YamlValue.Scalar scalar) {
        return scalar.kind() == YamlValue.Kind.STRING && !scalar.verbatim() && scalar.text().contains("${")
                && VariableSyntax.parse(scalar.text(), scalar.location()).hasVariables();
    }

    private YamlValue resolveScalar(YamlValue.Scalar scalar) {
        if (!hasVariables(scalar)) {
            return scalar;
        }
        Template template = VariableSyntax.parse(scalar.text(), scalar.location());
        Optional<Variable> whole = template.whole();
        if (whole.isPresent()) {
            YamlValue value = variable(whole.get(), scalar.location());
            if (value instanceof YamlValue.Scalar s) {
                return new YamlValue.Scalar(s.kind(), s.text(), scalar.tag(), true, scalar.location());
            }
            return value.relocated(scalar.location());
        }
        return new YamlValue.Scalar(YamlValue.Kind.STRING, interpolate(template, scalar.location()), scalar.tag(), true,
                scalar.location());
    }

    private YamlValue resolveMapping(YamlValue.Mapping mapping) {
        Map<String, YamlValue.Mapping.Entry> entries = new LinkedHashMap<>();
        mapping.entries().forEach((key, entry) ->
                entries.put(key, new YamlValue.Mapping.Entry(entry.keyLocation(), resolve(entry.value()))));
        return new YamlValue.Mapping(entries, mapping.tag(), mapping.location());
    }

    private YamlValue resolveSequence(YamlValue.Sequence sequence) {
        List<YamlValue> items = new ArrayList<>();
        for (YamlValue item : sequence.items()) {
            items.add(resolve(item));
        }
        return new YamlValue.Sequence(items, sequence.tag(), sequence.location());
    }

    /** Text with each variable replaced by its value as text; a map or list cannot be part of text. */
    private String interpolate(Template template, SourceLocation at) {
        StringBuilder text = new StringBuilder();
        for (VariableSyntax.Part part : template.parts()) {
            if (part instanceof Text t) {
                text.append(t.text());
                continue;
            }
            Variable variable = (Variable) part;
            YamlValue value = variable(variable, at);
            if (!(value instanceof YamlValue.Scalar scalar) || scalar.isNull()) {
                throw new ConfigException(at, "the variable " + variable.raw() + " is part of a text but its value is "
                        + value.describe() + ". Make it resolve to text or a number, or use it as the whole value.");
            }
            text.append(scalar.asText());
        }
        return text.toString();
    }

    /** The first source that has a value; ConfigException naming every source that had none. */
    private YamlValue variable(Variable variable, SourceLocation at) {
        List<String> missing = new ArrayList<>();
        for (Source source : variable.sources()) {
            if (source instanceof Literal literal) {
                return YamlValue.Scalar.of(literal.value(), at);
            }
            if (source instanceof Nested nested) {
                return variable(nested.variable(), at);
            }
            Reference reference = (Reference) source;
            Optional<YamlValue> value = reference(reference, at);
            if (value.isPresent() && !(value.get() instanceof YamlValue.Scalar s && s.isNull())) {
                return value.get();
            }
            missing.add(whyMissing(reference, at));
        }
        throw new ConfigException(at, "cannot resolve " + variable.raw() + ": " + String.join("; ", missing) + ". "
                + fix(variable));
    }

    private Optional<YamlValue> reference(Reference reference, SourceLocation at) {
        String address = interpolate(reference.address(), at);
        return switch (reference.type()) {
            case "self" -> lookupSelf(address).map(this::resolve);
            case "opt" -> switch (address) {
                case "stage" -> options.stage().map(v -> YamlValue.Scalar.of(v, at));
                case "region" -> options.region().map(v -> YamlValue.Scalar.of(v, at));
                default -> Optional.empty();
            };
            case "env" -> {
                if (address.isEmpty()) {
                    throw new ConfigException(at, "the variable ${env:} names no environment variable. Write ${env:NAME}.");
                }
                yield Optional.ofNullable(options.environment().get(address)).map(v -> YamlValue.Scalar.of(v, at));
            }
            case "sls" -> {
                if (!address.equals("stage")) {
                    throw new ConfigException(at, "${sls:" + address + "} is not supported by iotlocal: only ${sls:stage} is."
                            + " Replace it with a literal or ${env:...}.");
                }
                yield Optional.of(YamlValue.Scalar.of(stage(), at));
            }
            default -> throw new ConfigException(at, "the variable source '" + reference.type() + "' in ${"
                    + reference.raw() + "} is not supported by iotlocal: replace with a literal or ${env:...}.");
        };
    }

    /** The value at a dotted path from the top of the file, following variables met on the way. */
    private Optional<YamlValue> lookupSelf(String address) {
        YamlValue current = root;
        if (address.isEmpty()) {
            return Optional.of(current);
        }
        for (String segment : address.split("\\.", -1)) {
            current = shallow(current);
            if (current instanceof YamlValue.Mapping mapping) {
                Optional<YamlValue> child = mapping.get(segment);
                if (child.isEmpty()) {
                    return Optional.empty();
                }
                current = child.get();
            } else if (current instanceof YamlValue.Sequence sequence && segment.matches("\\d{1,9}")
                    && Integer.parseInt(segment) < sequence.items().size()) {
                current = sequence.items().get(Integer.parseInt(segment));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private String whyMissing(Reference reference, SourceLocation at) {
        String address = interpolate(reference.address(), at);
        return switch (reference.type()) {
            case "self" -> "serverless.yml has no value at '" + address + "'"
                    + (address.equals("provider.stage") ? " (${sls:stage} gives the stage in use)" : "");
            case "opt" -> switch (address) {
                case "stage", "region" -> "no --" + address + " option was given";
                default -> "iotlocal has no --" + address + " option (only --stage and --region)";
            };
            case "env" -> "the environment variable " + address + " is not set";
            default -> "${" + reference.raw() + "} has no value";
        };
    }

    private static String fix(Variable variable) {
        if (variable.sources().stream().anyMatch(s -> s instanceof Reference r && r.type().equals("opt"))) {
            return "Pass the option, or add a fallback such as ${opt:stage, 'dev'}.";
        }
        if (variable.sources().stream().anyMatch(s -> s instanceof Reference r && r.type().equals("env"))) {
            return "Set the variable in the environment iotlocal runs in, or add a fallback such as ${env:NAME, 'value'}.";
        }
        return "Add the value to serverless.yml, or add a fallback such as ${self:custom.key, 'value'}.";
    }

    private ConfigException cycle(YamlValue value) {
        List<YamlValue> chain = new ArrayList<>(inProgress);
        Collections.reverse(chain);
        int start = 0;
        while (chain.get(start) != value) {
            start++;
        }
        String path = chain.subList(start, chain.size()).stream()
                .map(v -> v.location().keyPath().isEmpty() ? "(top)" : v.location().keyPath())
                .distinct()
                .collect(Collectors.joining(" -> "));
        return new ConfigException(inProgress.peek().location(), "variables refer to each other in a cycle: " + path
                + " -> " + (value.location().keyPath().isEmpty() ? "(top)" : value.location().keyPath())
                + ". Give one of them a literal value.");
    }
}
