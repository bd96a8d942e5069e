package dev.iotlocal.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ResourceBundle lookups in function code are remembered per execution environment: the function sees what the JDK
 * would give it, from its own class loader, and each environment has its own bundles.
 */
class ResourceBundlesTest {

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    @Test
    void aFunctionGetsItsOwnBundleOncePerEnvironmentAndMissingOnesStillFail() throws Exception {
        LambdaRuntime runtime = runtimes.start(function("one"), function("two"));

        String first = TestRuntime.invoke(runtime, "one", "{}").result().payloadAsString();
        String warm = TestRuntime.invoke(runtime, "one", "{}").result().payloadAsString();
        String otherEnvironment = TestRuntime.invoke(runtime, "two", "{}").result().payloadAsString();

        assertThat(first).contains("\"greeting\":\"hello\"", "\"same\":true", "\"ownClass\":true", "\"created\":1",
                "\"missing\":\"MissingResourceException: dev.iotlocal.lambda.NoSuchCatalog"); // the JDK adds the locale
        assertThat(warm).as("a warm environment keeps its bundle").contains("\"created\":1");
        assertThat(otherEnvironment).as("another environment makes its own").contains("\"created\":1", "\"ownClass\":true");
    }

    @Test
    void clearCacheForgetsTheEnvironmentsBundles() throws Exception {
        LambdaRuntime runtime = runtimes.start(function("one"));

        TestRuntime.invoke(runtime, "one", "{\"then\":\"clear\"}");
        String after = TestRuntime.invoke(runtime, "one", "{}").result().payloadAsString();

        assertThat(after).as("made again after clearCache, then remembered").contains("\"created\":2");
    }

    @Test
    void lookupsInFunctionCodeGoToTheEnvironmentsCopyOfResourceBundles() throws Exception {
        byte[] original;
        try (var in = LooksUpBundles.class.getResourceAsStream("LooksUpBundles.class")) {
            original = in.readAllBytes();
        }
        String rewritten = new String(ProcessCallRedirect.apply(original), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(rewritten).contains("dev/iotlocal/lambda/internal/ResourceBundles");
    }

    private static FunctionConfiguration function(String name) {
        return new FunctionConfiguration(name, name, LooksUpBundles.class.getName(), Duration.ofSeconds(10), 256,
                Map.of(), Optional.empty());
    }
}
