package dev.iotlocal.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What every part of the model building needs: names resolved so far, the resolver and the warnings. */
record BuildContext(Path file, String service, String stage, String region, VariableResolver resolver, Warnings warnings) {

    /** The folder of serverless.yml, against which artifact paths are resolved. */
    Path directory() {
        Path parent = file.getParent();
        return parent == null ? file.toAbsolutePath().getParent() : parent;
    }

    /** Provider-level settings functions inherit. */
    record ProviderDefaults(Optional<Integer> timeoutSeconds, Optional<Integer> memorySizeMb,
                            Map<String, String> environment, Optional<Path> artifact) {
    }
}
