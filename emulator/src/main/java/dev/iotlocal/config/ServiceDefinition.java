package dev.iotlocal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded serverless.yml: the service with its resolved stage and region, its functions and the IoT topic
 * rules (from {@code iot} events and from CloudFormation {@code AWS::IoT::TopicRule} resources). Warnings name
 * keys that were ignored; they never stop loading.
 *
 * @param binaryMediaTypes {@code provider.apiGateway.binaryMediaTypes}: content types the REST API treats as binary
 */
public record ServiceDefinition(
        Path file,
        String service,
        String stage,
        String region,
        List<FunctionDefinition> functions,
        List<TopicRuleDefinition> topicRules,
        List<String> warnings,
        List<String> binaryMediaTypes) {

    public ServiceDefinition {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(region, "region");
        functions = List.copyOf(functions);
        topicRules = List.copyOf(topicRules);
        warnings = List.copyOf(warnings);
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
    }

    /** A service whose REST API has no binary media types. */
    public ServiceDefinition(Path file, String service, String stage, String region, List<FunctionDefinition> functions,
                             List<TopicRuleDefinition> topicRules, List<String> warnings) {
        this(file, service, stage, region, functions, topicRules, warnings, List.of());
    }

    /** The function with this key (the name under {@code functions:}, not the deployed name). */
    public Optional<FunctionDefinition> function(String key) {
        return functions.stream().filter(f -> f.key().equals(key)).findFirst();
    }
}
