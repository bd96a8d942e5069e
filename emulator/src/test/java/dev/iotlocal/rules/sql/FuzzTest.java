package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * 100,000 generated and mutated statements (seeded, so a failure replays): parsing may only ever throw
 * {@link SqlParseException}, with a position inside the text and a hint; whatever parses is evaluated on
 * random payloads and must never throw, and its output must be JSON (or the payload itself).
 */
class FuzzTest {

    /** Fixed so a failure replays; -Diotlocal.fuzz.seed=N explores other runs. */
    private static final long SEED = Long.getLong("iotlocal.fuzz.seed", 20160323L);
    private static final int STATEMENTS = 100_000;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(120);
    private static final String[] KEYS = {"a", "b", "c", "e", "n", "v", "o", "arr", "temperature", "color", "x"};
    private static final String[] LEAVES = {"0", "1", "-1", "2.5", "10.0", "1E3", "9.99E999", "1E-999",
            "1234567890123456789012345678901234", "'a'", "''", "'5'", "'-1.2'", "'true'", "'TRUE'", "'5E-12'", "'.5'",
            "\"x\"", "true", "false", "null", "a", "b.c", "arr", "o.x", "e", "n", "v", "missing", "topic()",
            "timestamp()", "'(a+)+b'", "'$1'", "'base64'"};
    private static final String[] BINARY = {" AND ", " OR ", " = ", " <> ", " < ", " <= ", " > ", " >= ", " + ", " - ",
            " * ", " / ", " % "};
    private static final String[] CAST_TYPES = {"String", "Int", "Integer", "Double", "Decimal", "Bool", "Boolean",
            "varchar", "Float"};
    private static final String NOISE = "'\"()[]{},.*+-/%<>=!;`@#$ \n\t_:abcxyzSELECTFROMWHERE0123456789eE";
    private static final String[] WORDS = {" SELECT ", " FROM ", " WHERE ", " AND ", " CASE ", " WHEN ", " THEN ",
            " END ", " AS ", " VALUE ", " NOT ", "(", ")", "'", "*", " get(", " cast(", "[", "{", "}", ","};

    private final Random random = new Random(SEED);
    private final List<String> names = new ArrayList<>(Functions.names());

    @Test
    void onlyParseErrorsAndNeverAnEvaluationFailure() throws IOException {
        List<String> corpus = corpus();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        int parsed = 0;
        int refused = 0;
        int done = 0;
        int digest = 0; // identifies the run's statements in the log
        for (; done < STATEMENTS && System.nanoTime() < deadline; done++) {
            String sql = switch (done % 3) {
                case 0 -> statement();
                case 1 -> mutate(corpus.get(random.nextInt(corpus.size())));
                default -> mutate(statement());
            };
            digest = 31 * digest + sql.hashCode();
            SqlVersion version = SqlVersion.values()[random.nextInt(SqlVersion.values().length)];
            IotSql parsedSql;
            try {
                parsedSql = IotSql.parse(sql, version);
            } catch (SqlParseException e) {
                refused++;
                checkPosition(sql, e);
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("parse threw " + e + " for [" + version + "] " + sql, e);
            }
            parsed++;
            for (int i = 0; i < 3; i++) {
                evaluate(parsedSql, sql, payload());
            }
        }
        System.out.printf("fuzz seed %d: %d statements (digest %08x), %d parsed, %d refused%n", SEED, done, digest, parsed, refused);
        assertThat(done).as("statements tried within " + TIME_LIMIT).isGreaterThan(STATEMENTS / 10);
        assertThat(parsed).as("some statements parse").isGreaterThan(done / 20);
        assertThat(refused).as("some statements are refused").isGreaterThan(done / 20);
    }

    private static void checkPosition(String sql, SqlParseException e) {
        String[] lines = sql.split("\n", -1);
        assertThat(e.line()).as("line of %s in %s", e.getMessage(), sql).isBetween(1, lines.length);
        assertThat(e.column()).as("column of %s in %s", e.getMessage(), sql).isBetween(1, lines[e.line() - 1].length() + 1);
        assertThat(e.hint()).as("hint for %s", sql).isNotBlank();
    }

    private static void evaluate(IotSql sql, String text, byte[] payload) {
        Optional<byte[]> out;
        try {
            out = sql.apply(Sql.message("a/b", payload));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("apply threw " + e + " for [" + sql.version() + "] " + text
                    + " on " + new String(payload, StandardCharsets.UTF_8), e);
        }
        if (out.isPresent() && out.get().length > 0 && !Arrays.equals(out.get(), payload)) {
            try {
                Sql.JSON.readTree(out.get());
            } catch (IOException e) {
                fail("not JSON: " + new String(out.get(), StandardCharsets.UTF_8) + " from " + text);
            }
        }
    }

    // ---------- statements ----------

    private String statement() {
        StringBuilder sb = new StringBuilder("SELECT ");
        if (random.nextInt(6) == 0) {
            sb.append("VALUE ").append(expr(3));
        } else {
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                sb.append(i == 0 ? "" : ", ");
                if (random.nextInt(5) == 0) {
                    sb.append('*');
                } else {
                    sb.append(expr(3));
                    if (random.nextBoolean()) {
                        sb.append(" AS ").append(pick(KEYS)).append(random.nextInt(4) == 0 ? ".y" : "");
                    }
                }
            }
        }
        sb.append(" FROM '").append(pick(new String[] {"a/b", "a/+", "#", "+/b", "a/#"})).append('\'');
        if (random.nextBoolean()) {
            sb.append(" WHERE ").append(expr(3));
        }
        return sb.toString();
    }

    private String expr(int depth) {
        if (depth <= 0 || random.nextInt(4) == 0) {
            return pick(LEAVES);
        }
        switch (random.nextInt(11)) {
            case 0: case 1:
                return expr(depth - 1) + pick(BINARY) + expr(depth - 1);
            case 2:
                return (random.nextBoolean() ? "-" : "NOT ") + expr(depth - 1);
            case 3: case 4:
                return call(depth);
            case 5:
                return "cast(" + expr(depth - 1) + " AS " + pick(CAST_TYPES) + ")";
            case 6:
                return random.nextBoolean()
                        ? "CASE " + expr(depth - 1) + " WHEN " + expr(depth - 1) + " THEN " + expr(depth - 1) + " ELSE " + expr(depth - 1) + " END"
                        : "CASE WHEN " + expr(depth - 1) + " THEN " + expr(depth - 1) + " END";
            case 7:
                return "(" + expr(depth - 1) + ")" + (random.nextBoolean() ? ".x" : "");
            case 8:
                return random.nextBoolean() ? "[" + expr(depth - 1) + ", " + expr(depth - 1) + "]"
                        : "{'k': " + expr(depth - 1) + ", \"j\": " + expr(depth - 1) + "}";
            case 9:
                return "(SELECT " + (random.nextBoolean() ? "VALUE " : "") + expr(depth - 1) + " FROM "
                        + pick(new String[] {"arr", "e", "o", "missing"}) + " WHERE " + expr(depth - 1) + ")";
            default:
                return "get(" + expr(depth - 1) + ", " + expr(depth - 1) + ")";
        }
    }

    private String call(int depth) {
        String name = random.nextInt(30) == 0 ? pick(new String[] {"aws_lambda", "nosuchfn", "get_dynamodb"})
                : names.get(random.nextInt(names.size()));
        FunctionDef f = Functions.lookup(name);
        int min = f == null ? 1 : f.minArgs();
        int max = f == null ? 2 : Math.min(f.maxArgs(), min + 3);
        int n = random.nextInt(12) == 0 ? random.nextInt(5) : min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ");
            if (i == 1 && (name.equals("encode") || name.equals("decode"))) {
                sb.append("'base64'");
            } else {
                sb.append(random.nextInt(8) == 0 ? "*" : expr(depth - 1));
            }
        }
        return sb.append(')').toString();
    }

    private String mutate(String sql) {
        StringBuilder sb = new StringBuilder(sql);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            switch (random.nextInt(6)) {
                case 0:
                    sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    break;
                case 1:
                    sb.insert(at, pick(WORDS));
                    break;
                case 2:
                    if (at < sb.length()) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(6)));
                    }
                    break;
                case 3:
                    if (at < sb.length()) {
                        sb.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                    break;
                case 4:
                    sb.setLength(at);
                    break;
                default:
                    int from = random.nextInt(sb.length() + 1);
                    int to = Math.min(sb.length(), from + random.nextInt(12));
                    sb.insert(at, sb.substring(from, to));
            }
        }
        return sb.toString();
    }

    // ---------- payloads ----------

    private byte[] payload() {
        switch (random.nextInt(10)) {
            case 0:
                return new byte[0];
            case 1:
                byte[] b = new byte[random.nextInt(20)];
                random.nextBytes(b);
                return b;
            case 2:
                return json(2).getBytes(StandardCharsets.UTF_8);
            default:
                return object(3).getBytes(StandardCharsets.UTF_8);
        }
    }

    private String object(int depth) {
        StringBuilder sb = new StringBuilder("{");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(pick(KEYS)).append("\":").append(json(depth - 1));
        }
        return sb.append('}').toString();
    }

    private String json(int depth) {
        switch (random.nextInt(depth <= 0 ? 7 : 9)) {
            case 0: return String.valueOf(random.nextInt(200) - 100);
            case 1: return pick(new String[] {"2.5", "10.0", "-0.0", "1E400", "9.99E999", "1E-999", "1E5000",
                    "123456789012345678901234567890123456789", "0.1"});
            case 2: return pick(new String[] {"\"a\"", "\"\"", "\"5\"", "\"-1.2\"", "\"true\"", "\"eyJhIjoxfQ==\"",
                    "\"héllo €\"", "\"(a+)+\""});
            case 3: return random.nextBoolean() ? "true" : "false";
            case 4: return "null";
            case 5: return "\"" + random.nextInt(1000) + "\"";
            case 6: return String.valueOf(random.nextLong());
            case 7: {
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(random.nextBoolean() ? object(depth - 1) : json(depth - 1));
                }
                return sb.append(']').toString();
            }
            default:
                return object(depth - 1);
        }
    }

    private List<String> corpus() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("aws-reference-examples.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("sql: ")) {
                    out.add(line.substring(5));
                }
            }
        }
        ParseErrorTest.malformed().forEach(a -> out.add((String) a.get()[1]));
        return out;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
