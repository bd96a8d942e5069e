package dev.iotlocal.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line gives the loader: {@code --stage} and {@code --region} (the values of
 * {@code ${opt:stage}} and {@code ${opt:region}}) and the environment {@code ${env:NAME}} reads.
 * The environment is passed in, never read from the process, so two emulators in one JVM can differ.
 */
public record LoadOptions(Optional<String> stage, Optional<String> region, Map<String, String> environment) {

    public LoadOptions {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(region, "region");
        if (stage.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("stage must not be blank; use Optional.empty() for no --stage");
        }
        if (region.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("region must not be blank; use Optional.empty() for no --region");
        }
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** No --stage, no --region, an empty environment. */
    public static LoadOptions defaults() {
        return new LoadOptions(Optional.empty(), Optional.empty(), Map.of());
    }

    public LoadOptions withStage(String newStage) {
        return new LoadOptions(Optional.of(newStage), region, environment);
    }

    public LoadOptions withRegion(String newRegion) {
        return new LoadOptions(stage, Optional.of(newRegion), environment);
    }

    public LoadOptions withEnvironment(Map<String, String> newEnvironment) {
        return new LoadOptions(stage, region, newEnvironment);
    }
}
