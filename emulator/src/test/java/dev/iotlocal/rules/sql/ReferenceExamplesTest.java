package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The examples of AWS's IoT SQL pages, from {@code aws-reference-examples.txt}: each runs like the rules
 * engine would (route by the FROM filter, then apply) and its output is compared as compact JSON.
 */
class ReferenceExamplesTest {

    private static final String FILE = "aws-reference-examples.txt";

    record Case(int line, String sql, SqlVersion version, String topic, String payload, String expect) {
        @Override
        public String toString() {
            return "line " + line + " [" + version.awsName() + "] " + sql;
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Map<String, String> block : blocks()) {
            String versions = block.getOrDefault("version", "both");
            List<SqlVersion> vs = versions.equals("both") ? List.of(SqlVersion.V2015_10_08, SqlVersion.V2016_03_23)
                    : List.of(SqlVersion.of(versions));
            for (SqlVersion v : vs) {
                Case c = new Case(Integer.parseInt(block.get("line")), block.get("sql"), v,
                        block.getOrDefault("topic", "topic/subtopic"), block.getOrDefault("payload", "{}"),
                        block.get("expect"));
                out.add(Arguments.of(c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAwsExample(Case c) throws SqlParseException {
        byte[] payload = c.payload().equals("<empty>") ? new byte[0] : c.payload().getBytes(StandardCharsets.UTF_8);
        IotSql sql = IotSql.parse(c.sql(), c.version());
        Optional<byte[]> out = sql.from().matches(c.topic())
                ? sql.apply(Sql.message(c.topic(), payload)) : Optional.empty();

        switch (c.expect()) {
            case "<no output>":
                assertThat(out).as("no output").isEmpty();
                break;
            case "<payload>":
                assertThat(out).as("the payload unchanged").hasValueSatisfying(b -> assertThat(b).isEqualTo(payload));
                break;
            case "<empty>":
                assertThat(out).as("an empty payload").hasValueSatisfying(b -> assertThat(b).isEmpty());
                break;
            default:
                assertThat(out).as("an output").isPresent();
                assertThat(new String(out.get(), StandardCharsets.UTF_8)).isEqualTo(Sql.compact(c.expect()));
        }
    }

    /** The file's blocks as key/value maps, each with the line its sql: stands on. */
    private static List<Map<String, String>> blocks() throws IOException {
        List<Map<String, String>> blocks = new ArrayList<>();
        try (InputStream in = ReferenceExamplesTest.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the test resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> block = new LinkedHashMap<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    addIfComplete(blocks, block);
                    block = new LinkedHashMap<>();
                    continue;
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    throw new IllegalStateException(FILE + " line " + n + ": expected 'key: value'");
                }
                String key = line.substring(0, colon);
                if (key.equals("sql")) {
                    block.put("line", String.valueOf(n));
                }
                block.put(key, line.substring(colon + 2));
            }
            addIfComplete(blocks, block);
        }
        return blocks;
    }

    private static void addIfComplete(List<Map<String, String>> blocks, Map<String, String> block) {
        if (block.isEmpty()) {
            return;
        }
        if (!block.containsKey("sql") || !block.containsKey("expect")) {
            throw new IllegalStateException(FILE + ": a case needs sql: and expect: " + block);
        }
        blocks.add(block);
    }
}
