package dev.iotlocal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code environment:} map. Values become strings as CloudFormation sends them to Lambda (numbers and
 * booleans as text); maps, lists, empty values and names Lambda refuses are errors.
 */
final class EnvironmentReader {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

    /** Lambda refuses to deploy a function that sets one of these. */
    private static final Set<String> RESERVED = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private EnvironmentReader() {
    }

    static Map<String, String> read(YamlValue raw, VariableResolver resolver) {
        YamlValue.Mapping mapping = Values.mapping(resolver.shallow(raw),
                "environment");
        Map<String, String> environment = new LinkedHashMap<>();
        mapping.entries().forEach((name, entry) -> {
            checkName(name, entry.keyLocation());
            environment.put(name, value(resolver.resolve(entry.value())));
        });
        return environment;
    }

    private static void checkName(String name, SourceLocation at) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(at, "the environment variable name '" + name + "' is not allowed by Lambda: "
                    + "names start with a letter, have at least two characters and use only letters, digits and '_'. Rename it.");
        }
        if (RESERVED.contains(name)) {
            throw new ConfigException(at, "the environment variable " + name + " is reserved: Lambda sets it itself "
                    + "and refuses a function that sets it. Remove it or use another name.");
        }
    }

    private static String value(YamlValue value) {
        if (Values.isIntrinsic(value)) {
            throw new ConfigException(value.location(), "this environment value is " + Values.describe(value)
                    + ", which iotlocal cannot evaluate. Replace it with a literal or ${env:...}.");
        }
        if (value instanceof YamlValue.Scalar scalar) {
            if (scalar.isNull()) {
                throw new ConfigException(value.location(),
                        "this environment value is empty. Write '' for an empty string, or remove the variable.");
            }
            return scalar.asText();
        }
        throw new ConfigException(value.location(), "an environment value must be text, a number or true/false "
                + "(Lambda environment values are strings), but it is " + value.describe()
                + ". Write it as one quoted string, e.g. a JSON text in single quotes.");
    }
}
