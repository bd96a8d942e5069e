package dev.iotlocal.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function's class files are read and rewritten once per runtime, and every execution environment still defines
 * its own classes from them.
 */
class DeploymentPackageTest {

    private static final String ENVIRONMENT_HANDLER = TestHandlers.Environment.class.getName();

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    @TempDir
    Path dir;

    @Test
    void environmentsShareTheClassFilesButDefineTheirOwnClasses() throws Exception {
        try (DeploymentPackage code = DeploymentPackage.ofArtifact(jarOf(TestHandlers.Environment.class))) {
            FunctionClassLoader first = new FunctionClassLoader("first", code);
            FunctionClassLoader second = new FunctionClassLoader("second", code);

            Class<?> ofFirst = first.loadClass(ENVIRONMENT_HANDLER);
            int readForFirst = code.classFilesRead();
            Class<?> ofSecond = second.loadClass(ENVIRONMENT_HANDLER);

            assertThat(code.classFilesRead()).as("class files read again for the second environment").isEqualTo(readForFirst);
            assertThat(code.classFile(ENVIRONMENT_HANDLER)).isSameAs(code.classFile(ENVIRONMENT_HANDLER));
            assertThat(ofSecond).as("each environment's own class, with its own statics").isNotSameAs(ofFirst);
            assertThat(ofFirst.getClassLoader()).isSameAs(first);
            assertThat(ofSecond.getClassLoader()).isSameAs(second);
            assertThat(code.classFile("foobar.NotInTheJar")).isNull();
        }
    }

    @Test
    void aCachedClassStillReadsItsOwnEnvironmentsVariables() throws Exception {
        // Two functions from the same jar: the second's environment defines the handler from the bytes the first's
        // environment had read and rewritten, and must still see its own variables, not the first's.
        Path jar = jarOf(TestHandlers.Environment.class);
        FunctionConfiguration one = function("one", ENVIRONMENT_HANDLER, Map.of("COLOUR", "red"), jar);
        FunctionConfiguration two = function("two", ENVIRONMENT_HANDLER, Map.of("COLOUR", "blue"), jar);
        LambdaRuntime runtime = runtimes.start(one, two);

        Invocation first = TestRuntime.invoke(runtime, "one", "{\"variable\":\"COLOUR\"}");
        int read = runtime.deploymentPackage(one).classFilesRead();
        Invocation second = TestRuntime.invoke(runtime, "two", "{\"variable\":\"COLOUR\"}");

        assertThat(runtime.deploymentPackage(two)).isSameAs(runtime.deploymentPackage(one));
        assertThat(second.initDuration()).as("a cold start of its own").isPresent();
        assertThat(runtime.deploymentPackage(two).classFilesRead()).as("class files read for the second function").isEqualTo(read);
        assertThat(first.result().payloadAsString()).contains("\"value\":\"red\"").contains("\"invocations\":1");
        assertThat(second.result().payloadAsString()).contains("\"value\":\"blue\"").contains("\"invocations\":1");
    }

    @Test
    void aCachedClassStillEndsOnlyItsInvocationOnExit() throws Exception {
        Path jar = jarOf(TestHandlers.Exits.class);
        LambdaRuntime runtime = runtimes.start(function("exits", TestHandlers.Exits.class.getName(), Map.of(), jar));

        for (int attempt = 0; attempt < 2; attempt++) { // the exit discards the environment: the second starts cold
            Invocation exited = TestRuntime.invoke(runtime, "exits", "{}");
            assertThat(exited.initDuration()).isPresent();
            assertThat(exited.result().payloadAsString()).contains("Runtime.ExitError").contains("exit status 3");
        }
    }

    @Test
    void twoRuntimesNeverShareAPackage() throws Exception {
        FunctionConfiguration function = function("one", ENVIRONMENT_HANDLER, Map.of(), jarOf(TestHandlers.Environment.class));
        LambdaRuntime first = runtimes.start(function);
        LambdaRuntime second = runtimes.start(function);

        TestRuntime.invoke(first, "one", "{}");

        assertThat(second.deploymentPackage(function)).isNotSameAs(first.deploymentPackage(function));
        assertThat(second.deploymentPackage(function).classFilesRead()).isZero();
    }

    @Test
    void classesThatNeverMentionSystemOrRuntimeAreLeftByteForByte() throws IOException {
        byte[] untouched = classBytes(TestHandlers.Throws.class);
        byte[] exits = classBytes(TestHandlers.Exits.class);

        assertThat(ProcessCallRedirect.apply(untouched)).isSameAs(untouched);
        byte[] rewritten = ProcessCallRedirect.apply(exits);
        assertThat(rewritten).isNotEqualTo(exits);
        assertThat(new String(rewritten, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("dev/iotlocal/lambda/internal/ProcessEnvironment");
    }

    private static FunctionConfiguration function(String name, String handler, Map<String, String> variables, Path jar) {
        return new FunctionConfiguration(name, name, handler, Duration.ofSeconds(10), 256, variables, Optional.of(jar));
    }

    /** A deployment jar holding the handler class and its outer class. */
    private Path jarOf(Class<?> handler) throws IOException {
        Path jar = dir.resolve(handler.getSimpleName() + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : new Class<?>[] {handler, handler.getEnclosingClass()}) {
                out.putNextEntry(new JarEntry(type.getName().replace('.', '/') + ".class"));
                out.write(classBytes(type));
            }
        }
        return jar;
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
