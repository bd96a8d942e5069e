package dev.iotlocal.bench.jmh;

import dev.iotlocal.rules.sql.IotSql;
import dev.iotlocal.rules.sql.MessageContext;
import dev.iotlocal.rules.sql.SqlParseException;
import dev.iotlocal.rules.sql.SqlVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** 7. IoT SQL evaluations per second: a parsed statement applied to one message, as the rules engine does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IotSqlBenchmark {

    /** The statements measured: the seed's two rules and a typical telemetry rule. */
    public static final Map<String, String> STATEMENTS = Map.of(
            "seed-star", "SELECT * FROM 'foobar/session'",
            "seed-field", "SELECT channelId FROM 'foobar/hello'",
            "telemetry", "SELECT temperature, topic(2) AS device, timestamp() AS ts, upper(state.mode) AS mode "
                    + "FROM 'sensors/+/data' WHERE temperature > 30 AND startswith(state.mode, 'a')");

    private static final Map<String, String> TOPICS = Map.of(
            "seed-star", "foobar/session", "seed-field", "foobar/hello", "telemetry", "sensors/dev-42/data");

    private static final byte[] PAYLOAD = ("{\"channelId\":\"7d0c3f2a-1b4e-4c52-9a0e-2f1d6c8b9e10\",\"temperature\":31.5,"
            + "\"humidity\":48,\"state\":{\"mode\":\"auto\",\"fan\":true},\"readings\":[1,2,3,4]}")
            .getBytes(StandardCharsets.UTF_8);

    @Param({"seed-star", "seed-field", "telemetry"})
    public String statement;

    private IotSql sql;
    private MessageContext message;

    @Setup
    public void setUp() throws SqlParseException {
        sql = IotSql.parse(STATEMENTS.get(statement), SqlVersion.V2016_03_23);
        message = new MessageContext(TOPICS.get(statement), PAYLOAD, "browser-1", null, 1_700_000_000_000L,
                "0b6f4f0e-2a57-4d1c-8a39-5a3e4f2b1c0d", "000000000000");
        if (sql.apply(message).isEmpty()) {
            throw new IllegalStateException("The statement selects nothing from the payload: " + sql);
        }
    }

    @Benchmark
    public Optional<byte[]> evaluate() {
        return sql.from().matches(message.topic()) ? sql.apply(message) : Optional.empty();
    }
}
