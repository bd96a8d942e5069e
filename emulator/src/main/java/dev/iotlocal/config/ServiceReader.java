package dev.iotlocal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Builds the {@link ServiceDefinition} from the file's top-level map: service, provider, functions, resources. */
final class ServiceReader {

    private static final Pattern SERVICE = Pattern.compile("[a-zA-Z][0-9a-zA-Z-]{0,127}");
    private static final Pattern STAGE = Pattern.compile("[a-zA-Z0-9-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern BINARY_MEDIA_TYPE = Pattern.compile("[^/\\s;]+/[^/\\s;]+(\\s*;.*)?");

    private ServiceReader() {
    }

    static ServiceDefinition read(Path file, YamlValue.Mapping root, LoadOptions options) {
        VariableResolver resolver = new VariableResolver(root, options);
        Warnings warnings = new Warnings();
        warnings.unknownKeys(root, Keys.TOP, "serverless.yml");

        String service = service(root, resolver);
        YamlValue.Mapping provider = provider(root, resolver);
        warnings.unknownKeys(provider, Keys.PROVIDER, "provider");
        String stage = checked(resolver.stage(), STAGE, options.stage().isPresent(), provider, "stage",
                "Stages use at most 128 letters, digits and '-' (they become part of names and URLs; API Gateway's"
                        + " limit).");
        String region = checked(resolver.region(), REGION, options.region().isPresent(), provider, "region",
                "Use an AWS region name such as us-east-1.");
        BuildContext context = new BuildContext(file, service, stage, region, resolver, warnings);

        Optional<Path> artifact = Values.child(root, "package").flatMap(p -> FunctionReader.artifact(p, context));
        BuildContext.ProviderDefaults defaults = new BuildContext.ProviderDefaults(
                setting(provider, "timeout", resolver).map(FunctionReader::timeout),
                setting(provider, "memorySize", resolver).map(FunctionReader::memorySize),
                setting(provider, "environment", resolver).map(env -> EnvironmentReader.read(env, resolver)).orElse(Map.of()),
                artifact);

        List<FunctionDefinition> functions = new ArrayList<>();
        List<RuleDraft> rules = new ArrayList<>();
        Optional<YamlValue> declared = setting(root, "functions", resolver);
        if (declared.isPresent()) {
            FunctionReader reader = new FunctionReader(context, defaults);
            Values.mapping(declared.get(), "functions").entries().forEach((key, entry) -> {
                FunctionReader.Result result = reader.read(key, entry);
                functions.add(result.function());
                rules.addAll(result.rules());
            });
        }
        checkRoutes(functions);
        setting(root, "resources", resolver)
                .ifPresent(resources -> rules.addAll(new TopicRuleResourceReader(context, functions).read(resources)));
        return new ServiceDefinition(file, service, stage, region, functions, RuleNames.assign(rules), warnings.list(),
                binaryMediaTypes(provider, resolver));
    }

    /** {@code provider.apiGateway.binaryMediaTypes}; the rest of {@code apiGateway} has no local meaning. */
    private static List<String> binaryMediaTypes(YamlValue.Mapping provider, VariableResolver resolver) {
        Optional<YamlValue> types = setting(provider, "apiGateway", resolver)
                .filter(YamlValue.Mapping.class::isInstance)
                .flatMap(apiGateway -> Values.child((YamlValue.Mapping) apiGateway, "binaryMediaTypes"))
                .map(resolver::resolve);
        List<String> read = new ArrayList<>();
        for (YamlValue item : types.map(v -> Values.sequence(v, "provider.apiGateway.binaryMediaTypes").items())
                .orElse(List.of())) {
            String type = Values.nonBlankText(item, "each entry of provider.apiGateway.binaryMediaTypes");
            if (!BINARY_MEDIA_TYPE.matcher(type).matches()) {
                throw new ConfigException(item.location(), "the binary media type '" + type + "' is not of the form"
                        + " type/subtype. Write e.g. image/png, image/* or '*/*' (quoted: YAML reads a bare * as an alias).");
            }
            read.add(type);
        }
        return read;
    }

    private static String service(YamlValue.Mapping root, VariableResolver resolver) {
        YamlValue value = setting(root, "service", resolver).orElseThrow(() -> new ConfigException(
                new SourceLocation(root.location().file(), 1, 1, "service"),
                "the service name is missing. Add 'service: my-service' at the top of the file."));
        if (value instanceof YamlValue.Mapping) {
            throw new ConfigException(value.location(), "'service' must be the name itself; the 'service: {name: ...}' "
                    + "form was removed in serverless v3. Write 'service: my-service'.");
        }
        String name = Values.text(value, "service");
        if (!SERVICE.matcher(name).matches()) {
            throw new ConfigException(value.location(), "the service name '" + name + "' is not valid: it must start with "
                    + "a letter and use only letters, digits and '-' (at most 128). Rename it.");
        }
        return name;
    }

    private static YamlValue.Mapping provider(YamlValue.Mapping root, VariableResolver resolver) {
        YamlValue value = setting(root, "provider", resolver).orElseThrow(() -> new ConfigException(
                new SourceLocation(root.location().file(), 1, 1, "provider"),
                "the provider is missing. Add 'provider:' with 'name: aws' and 'runtime: java17'."));
        YamlValue.Mapping provider = Values.mapping(value, "provider");
        YamlValue name = setting(provider, "name", resolver).orElseThrow(() -> new ConfigException(provider.location(),
                "the provider has no name. Add 'name: aws' under provider."));
        if (!"aws".equals(Values.text(name, "provider.name"))) {
            throw new ConfigException(name.location(), "the provider is '" + Values.text(name, "provider.name")
                    + "', but iotlocal emulates AWS only. Use 'name: aws'.");
        }
        return provider;
    }

    private static String checked(String value, Pattern pattern, boolean fromOption, YamlValue.Mapping provider,
                                  String key, String fix) {
        if (!pattern.matcher(value).matches()) {
            SourceLocation at = provider.get(key).map(YamlValue::location).orElse(provider.location());
            throw new ConfigException(at, "the " + key + " '" + value + "'" + (fromOption ? " given with --" + key : "")
                    + " is not valid. " + fix);
        }
        return value;
    }

    /** API Gateway refuses two integrations for the same method and path. */
    private static void checkRoutes(List<FunctionDefinition> functions) {
        Map<String, SourceLocation> seen = new HashMap<>();
        for (FunctionDefinition function : functions) {
            for (HttpEventDefinition event : function.httpEvents()) {
                SourceLocation first = seen.putIfAbsent(event.method() + " " + event.path(), event.location());
                if (first != null) {
                    throw new ConfigException(event.location(), event.method() + " " + event.path()
                            + " is already routed at " + first + ". Give each method and path one function.");
                }
            }
        }
    }

    private static Optional<YamlValue> setting(YamlValue.Mapping mapping, String key, VariableResolver resolver) {
        return Values.child(mapping, key).map(resolver::shallow)
                .filter(v -> !(v instanceof YamlValue.Scalar s && s.isNull()));
    }
}
