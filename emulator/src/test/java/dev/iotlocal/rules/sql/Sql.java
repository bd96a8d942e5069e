package dev.iotlocal.rules.sql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Test helpers: one fixed message context and running a statement to text. */
final class Sql {

    static final String CLIENT_ID = "client-1";
    static final String ACCOUNT = "123456789012";
    static final String PRINCIPAL = "ba67293af50bf2506f5f93469686da660c7c844e7b3950bfb16813e0d31e9373";
    static final String TRACE_ID = "12345678-1234-1234-1234-123456789012";
    static final long TIMESTAMP = 1481825251155L;

    /** Keeps numbers as written (10.0 stays 10.0) so outputs compare exactly. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Sql() {
    }

    static MessageContext message(String topic, byte[] payload) {
        return new MessageContext(topic, payload, CLIENT_ID, PRINCIPAL, TIMESTAMP, TRACE_ID, ACCOUNT);
    }

    static MessageContext message(String topic, String payload) {
        return message(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The output as text, or null when there is none. Fails the test on a parse error. */
    static String run(String sql, SqlVersion version, String payload) {
        try {
            Optional<byte[]> out = IotSql.parse(sql, version).apply(message("topic/subtopic", payload));
            return out.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        } catch (SqlParseException e) {
            throw new AssertionError("did not parse: " + sql + "\n" + e.getMessage(), e);
        }
    }

    /** The value of {@code SELECT VALUE expr} on an empty object payload, as JSON text ("" for Undefined). */
    static String value(String expr, SqlVersion version) {
        return run("SELECT VALUE " + expr + " FROM '#'", version, "{}");
    }

    /** JSON text in compact form, numbers as written. */
    static String compact(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("bad JSON in test data: " + json, e);
        }
    }
}
