package dev.iotlocal.lambda;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Starts runtimes for a test and closes them after it: {@code @RegisterExtension TestRuntime runtimes = new TestRuntime();}. */
final class TestRuntime implements AfterEachCallback {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";

    private final List<LambdaRuntime> started = new ArrayList<>();

    static LambdaSettings settings() {
        return new LambdaSettings(REGION, ACCOUNT, Duration.ofSeconds(300),
                new LambdaSettings.RoleCredentials("ASIAKEY", "secret", "token"), () -> Map.of("AWS_IOT_HOST", "127.0.0.1:1"));
    }

    LambdaRuntime start(FunctionConfiguration... functions) {
        return start(settings -> settings, functions);
    }

    LambdaRuntime start(UnaryOperator<LambdaSettings> tuning, FunctionConfiguration... functions) {
        LambdaRuntime runtime = new LambdaRuntime(tuning.apply(settings()), List.of(functions), Clock.systemUTC());
        started.add(runtime);
        return runtime;
    }

    /** A synchronous invocation, waited for. */
    static Invocation invoke(LambdaRuntime runtime, String function, String event) throws Exception {
        return runtime.invoke(function, event.getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(LambdaRuntime::close);
        started.clear();
    }
}
