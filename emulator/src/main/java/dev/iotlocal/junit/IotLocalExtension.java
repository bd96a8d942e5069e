package dev.iotlocal.junit;

import dev.iotlocal.IotLocal;
import dev.iotlocal.IotLocalBuilder;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.lambda.Invocation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs an iotlocal emulator for JUnit 5 tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static IotLocalExtension iot = IotLocalExtension.newInstance().config("serverless.yml").build();
 *
 * @Test
 * void answers() throws Exception {
 *     HttpResponse<String> response = HttpClient.newHttpClient()
 *             .send(HttpRequest.newBuilder(iot.apiUrl("/")).build(), BodyHandlers.ofString());
 *     ...
 * }
 * }</pre>
 *
 * <p>A {@code static} field starts one emulator for the test class; an instance field one per test. Between tests
 * the recorded invocations and messages are forgotten (functions stay warm) unless
 * {@link Builder#resetBetweenTests(boolean)} says otherwise. Ports are free ones, so classes can run in parallel.
 * Test methods may take an {@link IotLocal} parameter.
 */
public final class IotLocalExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IotLocalExtension.class);

    private final Builder options;
    private IotLocal running;
    private boolean perClass;

    private IotLocalExtension(Builder options) {
        this.options = options;
    }

    public static Builder newInstance() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        running = start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (running == null) {
            perClass = false;
            running = start(context);
        } else if (options.reset) {
            running.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass && running != null) {
            running.close();
            running = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private IotLocal start(ExtensionContext context) {
        IotLocalBuilder builder = IotLocal.builder().config(options.config).edgePort(0).mqttPort(0);
        options.functionEnvironment.forEach(builder::functionEnvironment);
        options.customizer.accept(builder);
        IotLocal iot = builder.build().start();
        // The store closes it even when a callback after this one fails.
        context.getStore(NAMESPACE).put(IotLocal.class, iot);
        return iot;
    }

    /** The running emulator. */
    public IotLocal iot() {
        if (running == null) {
            throw new IllegalStateException("The emulator runs only during tests: register the extension with"
                    + " @RegisterExtension and use it from a test or a @BeforeEach method.");
        }
        return running;
    }

    /** A URL of the API's stage, e.g. {@code apiUrl("/")}. */
    public URI apiUrl(String path) {
        return iot().apiUrl(path);
    }

    /** An MQTT client connected over a presigned WebSocket URL, as a browser connects. Close it after use. */
    public TestMqttClient mqttClient(String clientId) {
        return TestMqttClient.connect(iot().presignedWebSocketUri().toString(), clientId);
    }

    /** The oldest completed invocation of the function not yet taken, waiting up to the timeout. */
    public Invocation takeInvocation(String function, Duration timeout) throws InterruptedException {
        return iot().takeInvocation(function, timeout).orElseThrow(() -> new AssertionError(
                "No invocation of " + function + " completed within " + timeout));
    }

    /** The oldest message published to a topic matching the filter not yet taken, waiting up to the timeout. */
    public PublishedMessage takePublish(String topicFilter, Duration timeout) throws InterruptedException {
        return iot().takePublish(topicFilter, timeout).orElseThrow(() -> new AssertionError(
                "No message was published to " + topicFilter + " within " + timeout));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IotLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return iot();
    }

    /** Options of the extension. */
    public static final class Builder {
        private Path config = Path.of("serverless.yml");
        private boolean reset = true;
        private final Map<String, Map<String, String>> functionEnvironment = new java.util.LinkedHashMap<>();
        private Consumer<IotLocalBuilder> customizer = builder -> { };

        private Builder() {
        }

        /** The serverless.yml, relative to the working directory (the module's folder under Maven); default serverless.yml. */
        public Builder config(String path) {
            return config(Path.of(path));
        }

        public Builder config(Path path) {
            this.config = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Variables of one function (its key in serverless.yml), over what the file says. */
        public Builder functionEnvironment(String function, Map<String, String> variables) {
            functionEnvironment.put(function, Map.copyOf(variables));
            return this;
        }

        /** Whether recorded invocations and messages are forgotten before each test; default true. */
        public Builder resetBetweenTests(boolean reset) {
            this.reset = reset;
            return this;
        }

        /** Any other option of the emulator (stage, region, credentials, ...). Ports are always free ones. */
        public Builder configure(Consumer<IotLocalBuilder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        public IotLocalExtension build() {
            return new IotLocalExtension(this);
        }
    }
}
