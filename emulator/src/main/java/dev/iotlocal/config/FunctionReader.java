package dev.iotlocal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads one entry of {@code functions:} with its events; provider settings fill what the function leaves out. */
final class FunctionReader {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Pattern DEPLOYED_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final String IDENTIFIER = "[A-Za-z_$][A-Za-z0-9_$]*";
    private static final Pattern HANDLER = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")+(::" + IDENTIFIER + ")?");

    /** A function and the rules its {@code iot} events create. */
    record Result(FunctionDefinition function, List<RuleDraft> rules) {
    }

    private final BuildContext context;
    private final BuildContext.ProviderDefaults provider;

    FunctionReader(BuildContext context, BuildContext.ProviderDefaults provider) {
        this.context = context;
        this.provider = provider;
    }

    Result read(String key, YamlValue.Mapping.Entry entry) {
        SourceLocation at = entry.keyLocation();
        if (!KEY.matcher(key).matches()) {
            throw new ConfigException(at, "the function name '" + key + "' may only use letters, digits, '-' and '_'. Rename it.");
        }
        YamlValue value = context.resolver().shallow(entry.value());
        if (value instanceof YamlValue.Scalar scalar && scalar.isNull()) {
            throw new ConfigException(at, "the function '" + key + "' has no settings. Add 'handler: package.Class'.");
        }
        YamlValue.Mapping function = Values.mapping(value, "the function '" + key + "'");
        context.warnings().unknownKeys(function, Keys.FUNCTION, "function '" + key + "'");

        String handler = handler(function, key, at);
        String deployedName = deployedName(function, key, at);
        int timeout = setting(function, "timeout").map(FunctionReader::timeout)
                .orElse(provider.timeoutSeconds().orElse(Limits.DEFAULT_TIMEOUT_SECONDS));
        int memory = setting(function, "memorySize").map(FunctionReader::memorySize)
                .orElse(provider.memorySizeMb().orElse(Limits.DEFAULT_MEMORY_MB));
        Map<String, String> environment = new LinkedHashMap<>(provider.environment());
        setting(function, "environment").ifPresent(env -> environment.putAll(EnvironmentReader.read(env, context.resolver())));
        Optional<Path> artifact = setting(function, "package")
                .flatMap(p -> artifact(p, context))
                .or(provider::artifact);

        List<HttpEventDefinition> httpEvents = new ArrayList<>();
        List<RuleDraft> rules = new ArrayList<>();
        setting(function, "events").ifPresent(events -> {
            YamlValue.Sequence list = Values.sequence(context.resolver().shallow(events), "events");
            for (YamlValue item : list.items()) {
                readEvent(key, context.resolver().shallow(item), httpEvents, rules);
            }
        });
        OptionalInt reserved = setting(function, "reservedConcurrency").map(v -> OptionalInt.of(Values.wholeNumber(v,
                "reservedConcurrency", 0, 100_000, "It is the function's reserved concurrent executions; 0 disables it.")))
                .orElse(OptionalInt.empty());
        OptionalInt retries = setting(function, "maximumRetryAttempts").map(v -> OptionalInt.of(Values.wholeNumber(v,
                "maximumRetryAttempts", 0, 2, "Lambda retries a failed asynchronous invocation 0, 1 or 2 times.")))
                .orElse(OptionalInt.empty());
        FunctionDefinition definition = new FunctionDefinition(key, deployedName, handler, Duration.ofSeconds(timeout),
                memory, environment, artifact, httpEvents, at, reserved, retries);
        return new Result(definition, rules);
    }

    private void readEvent(String key, YamlValue item, List<HttpEventDefinition> httpEvents, List<RuleDraft> rules) {
        YamlValue.Mapping event = Values.mapping(item, "an event");
        if (event.entries().size() != 1) {
            throw new ConfigException(event.location(), "an event must be a map with one key, the event type, but this "
                    + "one has " + String.join(", ", event.entries().keySet()) + ". Indent the event's settings "
                    + "under its type, e.g. '- http:' then 'path:' and 'method:' two spaces further in.");
        }
        Map.Entry<String, YamlValue.Mapping.Entry> only = event.entries().entrySet().iterator().next();
        String type = only.getKey();
        YamlValue settings = only.getValue().value();
        switch (type) {
            case "http" -> httpEvents.add(HttpEventReader.read(settings, context));
            case "iot" -> rules.add(IotEventReader.read(settings, key, rules.size() + 1, context));
            default -> context.warnings().add(only.getValue().keyLocation(), Keys.OTHER_EVENTS.contains(type)
                    ? "'" + type + "' events are not emulated by iotlocal; this event is ignored."
                    : "unknown event type '" + type + "' is ignored by iotlocal. iotlocal runs http and iot events.");
        }
    }

    private String handler(YamlValue.Mapping function, String key, SourceLocation at) {
        YamlValue value = setting(function, "handler").orElseThrow(() -> new ConfigException(at,
                "the function '" + key + "' has no handler. Add 'handler: package.Class' or 'handler: package.Class::method'."));
        String handler = Values.text(value, "handler").strip();
        if (!HANDLER.matcher(handler).matches()) {
            throw new ConfigException(value.location(), "the handler '" + handler + "' is not a Java class with its "
                    + "package. Write package.Class or package.Class::method, e.g. foobar.MqttHandler::handleRequest.");
        }
        return handler;
    }

    private String deployedName(YamlValue.Mapping function, String key, SourceLocation at) {
        Optional<YamlValue> given = setting(function, "name");
        String name = given.map(v -> Values.nonBlankText(v, "name"))
                .orElse(context.service() + "-" + context.stage() + "-" + key);
        if (!DEPLOYED_NAME.matcher(name).matches()) {
            throw new ConfigException(given.map(YamlValue::location).orElse(at), "the Lambda function name '" + name
                    + "' is not valid: Lambda allows 1 to 64 letters, digits, '-' and '_'. "
                    + (given.isPresent() ? "Shorten it." : "Shorten the service, stage or function name, or set 'name:'."));
        }
        return name;
    }

    static int timeout(YamlValue value) {
        return Values.wholeNumber(value, "timeout", 1, (int) Limits.MAX_TIMEOUT.toSeconds(),
                "It is in seconds; Lambda allows at most 900 (15 minutes).");
    }

    static int memorySize(YamlValue value) {
        return Values.wholeNumber(value, "memorySize", Limits.MIN_MEMORY_MB, Limits.MAX_MEMORY_MB,
                "It is in MB; Lambda allows 128 to 10240.");
    }

    /** {@code package: {artifact: ...}} as an absolute path next to serverless.yml; empty when not set. */
    static Optional<Path> artifact(YamlValue rawPackage, BuildContext context) {
        YamlValue.Mapping pack = Values.mapping(context.resolver().shallow(rawPackage), "package");
        context.warnings().unknownKeys(pack, Keys.PACKAGE, "package");
        Optional<YamlValue> artifact = Values.child(pack, "artifact").map(context.resolver()::resolve);
        if (artifact.isEmpty()) {
            return Optional.empty();
        }
        String text = Values.nonBlankText(artifact.get(), "package.artifact").strip();
        if (text.matches("(?i)(s3|https?)://.*")) {
            throw new ConfigException(artifact.get().location(), "the artifact '" + text + "' is remote; iotlocal "
                    + "loads the jar from disk. Point package.artifact at the local file (e.g. target/app.jar).");
        }
        try {
            return Optional.of(context.directory().resolve(Path.of(text)).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new ConfigException(artifact.get().location(), "the artifact path '" + text + "' is not a valid file "
                    + "path. Write a path relative to serverless.yml.", e);
        }
    }

    /** A child of the function, resolved when it is itself a variable. */
    private Optional<YamlValue> setting(YamlValue.Mapping function, String key) {
        return Values.child(function, key).map(context.resolver()::shallow)
                .filter(v -> !(v instanceof YamlValue.Scalar s && s.isNull()));
    }
}
