package dev.iotlocal.bench.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.Context;
import dev.iotlocal.bench.handlers.BenchContext;
import dev.iotlocal.bench.handlers.EchoHandler;
import dev.iotlocal.lambda.FunctionConfiguration;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.LambdaRuntime;
import dev.iotlocal.lambda.LambdaSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 2. Warm invocation overhead: the same handler called directly (as a unit test would), directly with the JSON
 * conversion the runtime does, and through {@link LambdaRuntime#invoke} (RequestResponse) on a warm environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InvocationBenchmark {

    private static final byte[] EVENT = "{\"channelId\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private LambdaRuntime runtime;
    private EchoHandler handler;
    private Map<String, Object> event;
    private Context context;
    private ObjectMapper json;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = new LambdaRuntime(
                new LambdaSettings("us-east-1", "000000000000", Duration.ofSeconds(300),
                        new LambdaSettings.RoleCredentials("ASIABENCHMARK", "secret", "token"), Map::of),
                List.of(FunctionConfiguration.of("echo", EchoHandler.class.getName())), Clock.systemUTC());
        Invocation cold = runtime.invoke("echo", EVENT).join();
        if (!cold.succeeded()) {
            throw new IllegalStateException("The echo function failed: " + cold.result().payloadAsString());
        }
        handler = new EchoHandler();
        event = Map.of("channelId", "bench");
        context = new BenchContext();
        json = new ObjectMapper();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public String direct() {
        return handler.handleRequest(event, context);
    }

    @Benchmark
    public byte[] directWithJson() throws IOException {
        return json.writeValueAsBytes(handler.handleRequest(json.readValue(EVENT, MAP), context));
    }

    @Benchmark
    public Invocation lambdaRuntime() {
        return runtime.invoke("echo", EVENT).join();
    }
}
