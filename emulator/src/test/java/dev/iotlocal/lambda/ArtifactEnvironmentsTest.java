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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Execution environments of one deployment jar come and go side by side without disturbing each other. */
class ArtifactEnvironmentsTest {

    @RegisterExtension
    final TestRuntime runtimes = new TestRuntime();

    @TempDir
    Path dir;

    @Test
    void environmentsReapedWhileOthersOfTheSameJarStartColdNeverBreakTheirClassLoading() throws Exception {
        Path jar = jarWithManyClasses();
        FunctionConfiguration function = new FunctionConfiguration("big", "big", LoadsItsJar.class.getName(),
                Duration.ofSeconds(30), 512, Map.of(), Optional.of(jar));
        LambdaRuntime runtime = runtimes.start(settings -> new LambdaSettings(settings.region(), settings.accountId(),
                settings.maximumTimeout(), settings.executionRole(), settings.serviceEnvironment(),
                settings.concurrencyLimit(), Duration.ofMillis(20), settings.async()), function);

        List<String> failures = new ArrayList<>();
        int classes = 0;
        for (int round = 0; round < 15; round++) {
            List<CompletableFuture<Invocation>> wave = new ArrayList<>();
            for (int i = 0; i < 6; i++) { // concurrent: each its own environment, most of them cold
                wave.add(runtime.invoke("big", "{}".getBytes()));
            }
            for (CompletableFuture<Invocation> invocation : wave) {
                Invocation done = invocation.get(60, TimeUnit.SECONDS);
                if (done.succeeded()) {
                    classes = Integer.parseInt(done.result().payloadAsString());
                } else {
                    failures.add(done.result().payloadAsString());
                }
            }
        }

        assertThat(failures).as("invocations whose class loading broke").isEmpty();
        assertThat(classes).as("classes each cold start loaded").isGreaterThan(300);
    }

    /** The handler and the whole aws-lambda-java-events library, as one deployment jar. */
    private Path jarWithManyClasses() throws IOException {
        Path jar = dir.resolve("big.jar");
        Path events = Path.of(com.amazonaws.services.lambda.runtime.events.SQSEvent.class.getProtectionDomain()
                .getCodeSource().getLocation().getPath());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             JarFile library = new JarFile(events.toFile())) {
            String handler = LoadsItsJar.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(handler));
            try (InputStream in = LoadsItsJar.class.getClassLoader().getResourceAsStream(handler)) {
                in.transferTo(out);
            }
            for (JarEntry entry : Collections.list(library.entries())) {
                if (!entry.isDirectory() && entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = library.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
            }
        }
        return jar;
    }
}
