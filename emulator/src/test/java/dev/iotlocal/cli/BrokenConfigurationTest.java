package dev.iotlocal.cli;

import dev.iotlocal.IotLocal;
import dev.iotlocal.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generator of broken serverless.yml files: valid seeds, mutated line by line and character by character
 * (seeded, so a failure replays; {@code -Diotlocal.fuzz.seed=N} explores other runs, {@code
 * -Dreliability.config.cases=N} sets how many). Every file either starts or is refused with a
 * {@link ConfigException} whose message starts with the file and, where one applies, its line; never with another
 * exception, and never with a stack trace on the command line. The SQL inside rules has its own generator
 * ({@code rules.sql.FuzzTest}); here SQL is mutated only as text of the file, to check that its errors name the line.
 */
class BrokenConfigurationTest {

    private static final long SEED = Long.getLong("iotlocal.fuzz.seed", 20240501L);
    private static final int CASES = Integer.getInteger("reliability.config.cases", 3000);
    /** How many of the files still valid after mutation are started too (each start costs a few hundred ms). */
    private static final int STARTED = Integer.getInteger("reliability.config.started", 10);
    private static final int THROUGH_COMMAND_LINE = 40;

    /** Values that have the wrong type, shape or size for wherever they land. */
    private static final String[] WRONG_VALUES = {"[]", "{}", "~", "null", "-1", "0", "1e999", "99999999999999999999",
            "true", "'${'", "${self:nope}", "${opt:stage", "${env:NOPE_NOT_SET}", "${self:}", "${file(missing.yml)}",
            "${ssm:/a/b}", "${self:custom.loop}", "!Ref Nope", "!GetAtt", "!Sub '${AWS::Nope}'", "*nope", "&a x",
            "'\\uD800'", "\"\\uD800\"", "\"\\x\"", "|", ">-", "'", "\"", "`x`", "@x", "%x", "{a: [b, {c: d}]}",
            "[a, [b, [c]]]", "\"${self:custom}\"", "'SELECT * FROM'", "\"SELECT * FROM 'a/#' WHERE\"",
            "'SELECT nosuchfn(1) FROM ''a'''", "600", "1.5", "0x10", "x".repeat(70_000), "🙂", "\u0000", "\t", "\"\u0007\""};
    private static final String NOISE = ":-{}[]'\"#&*!|>%@`\t\u0000,?=\\$ ~\r\u00e9\uFFFF";
    private static final String[] FRAGMENTS = {"<<: *nope", "? complex key", "---\nsecond: document", "%YAML 1.1",
            "a: &a [*a]", "b: &b {c: *b}", "bomb: &x [*x, *x, *x, *x, *x, *x, *x, *x, *x]",
            "[".repeat(200) + "]".repeat(200), "key: value\n  bad: indentation", "- list item at the root",
            "functions:", "resources:\n  Resources:\n    R:\n      Type: AWS::IoT::TopicRule", "custom:\n  loop: ${self:custom.loop}",
            "provider: aws", "service:", "functions: []", "events: {iot: x}",
            "package:\n  artifact: target/missing.jar", "package: {artifact: 's3://bucket/app.jar'}", "reservedConcurrency: 5000"};

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);

    private record Outcome(String text, Throwable failure) {
    }

    @Test
    void everyBrokenFileStartsOrIsRefusedWithTheFileAndLineAndNeverAStackTrace() throws Exception {
        List<String> seeds = List.of(resource("seed-foobar.yml"), resource("seed-rules.yml"));
        Path file = dir.resolve("serverless.yml");
        for (String seed : seeds) {
            Files.writeString(file, seed);
            build(file).close(); // the seeds themselves are valid
        }
        int accepted = 0;
        int started = 0;
        List<Path> refusedFiles = new ArrayList<>();
        Map<String, Integer> refusals = new TreeMap<>();
        List<Outcome> wrong = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutate(seeds.get(i % seeds.size()));
            Files.write(file, bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                IotLocal iot = build(file);
                accepted++;
                if (started < STARTED && random.nextInt(4) == 0) {
                    iot.start();
                    started++;
                }
                iot.close();
            } catch (ConfigException e) {
                String problem = checkMessage(e, text);
                if (problem != null) {
                    wrong.add(new Outcome(text, new AssertionError(problem, e)));
                }
                refusals.merge(kind(e), 1, Integer::sum);
                if (refusedFiles.size() < THROUGH_COMMAND_LINE) {
                    Path copy = dir.resolve("refused-" + refusedFiles.size()).resolve("serverless.yml");
                    Files.createDirectories(copy.getParent());
                    refusedFiles.add(Files.write(copy, bytes));
                }
            } catch (Throwable e) {
                wrong.add(new Outcome(text, e));
            }
        }
        System.out.printf("broken serverless.yml, seed %d: %d files, %d accepted (%d started), %d refused: %s%n",
                SEED, CASES, accepted, started, CASES - accepted - wrong.size(), refusals);

        assertThat(wrong).as("files that ended otherwise than started or refused with the place named: %s",
                wrong.stream().limit(3).map(o -> o.failure() + "\n--- in ---\n" + abbreviate(o.text())).toList()).isEmpty();
        assertThat(CASES - accepted).as("refused files").isGreaterThan(CASES / 3);
        assertThat(accepted).as("files still valid after mutation").isPositive();
        for (Path refused : refusedFiles) {
            assertRefusedOnTheCommandLineWithoutAStackTrace(refused);
        }
    }

    private static IotLocal build(Path file) {
        return IotLocal.builder().config(file).environment(Map.of()).edgePort(0).mqttPort(0).build();
    }

    /** Null when the message names the file, a line inside it (when any) and says what is wrong; else why not. */
    private static String checkMessage(ConfigException e, String text) {
        String message = e.getMessage();
        if (!message.startsWith("serverless.yml")) {
            return "the message does not start with the file: " + message;
        }
        int lines = text.split("\n", -1).length;
        if (e.location().line() > lines + 1) {
            return "line " + e.location().line() + " is past the file's " + lines + " lines: " + message;
        }
        if (e.problem().isBlank() || message.contains("\tat ") || message.contains("\n\tat")) {
            return "no sentence, or a stack trace, in: " + message;
        }
        return null;
    }

    private static void assertRefusedOnTheCommandLineWithoutAStackTrace(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("--config", file.toString(), "--port", "0", "--mqtt-port", "0");
        String errors = err.toString(StandardCharsets.UTF_8);

        assertThat(code).as(errors).isEqualTo(Main.COULD_NOT_START);
        assertThat(errors).startsWith("iotlocal: serverless.yml").doesNotContain("\tat ", "Exception:");
    }

    /** The kind of refusal, for the summary: the key path's last part, or the first words of a file-level problem. */
    private static String kind(ConfigException e) {
        String path = e.location().keyPath();
        if (!path.isEmpty()) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            return last.replaceAll("\\[\\d+]", "[]");
        }
        String[] words = e.problem().split(" ");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
    }

    // ---------- mutations ----------

    private byte[] mutate(String seed) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(10)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> java.util.Collections.swap(lines, at, random.nextInt(lines.size()));
                case 3 -> lines.set(at, reindent(line));
                case 4 -> lines.set(at, insert(line, String.valueOf(NOISE.charAt(random.nextInt(NOISE.length())))));
                case 5 -> lines.set(at, replaceValue(line));
                case 6 -> lines.add(at, indentOf(line) + FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 7 -> lines.set(at, renameKey(line));
                case 8 -> lines.set(at, deleteChars(line));
                default -> {
                    int sql = findSql(lines);
                    int target = sql >= 0 ? sql : at;
                    lines.set(target, insert(lines.get(target), String.valueOf(NOISE.charAt(random.nextInt(NOISE.length())))));
                }
            }
        }
        String text = String.join(random.nextInt(20) == 0 ? "\r\n" : "\n", lines);
        if (random.nextInt(20) == 0) {
            text = text.substring(0, random.nextInt(text.length() + 1)); // truncated
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(25) == 0) { // bytes that are not UTF-8
            bytes = bytes.clone();
            bytes[random.nextInt(Math.max(1, bytes.length))] = (byte) (0x80 + random.nextInt(0x40));
        }
        return bytes;
    }

    private String reindent(String line) {
        String content = line.stripLeading();
        int indent = Math.max(0, line.length() - content.length() + random.nextInt(9) - 4);
        return (random.nextInt(6) == 0 ? "\t" : " ".repeat(indent)) + content;
    }

    private String insert(String line, String what) {
        int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
        return line.substring(0, at) + what + line.substring(at);
    }

    private String deleteChars(String line) {
        if (line.isEmpty()) {
            return line;
        }
        int from = random.nextInt(line.length());
        return line.substring(0, from) + line.substring(Math.min(line.length(), from + 1 + random.nextInt(8)));
    }

    private String replaceValue(String line) {
        int colon = line.indexOf(": ");
        String value = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
        if (colon >= 0) {
            return line.substring(0, colon + 2) + value;
        }
        String content = line.stripLeading();
        if (content.startsWith("- ")) {
            return line.substring(0, line.length() - content.length()) + "- " + value;
        }
        return line + value;
    }

    private static final String[] KEYS = {"handler", "timeout", "memorySize", "events", "http", "iot", "sql", "path",
            "method", "cors", "environment", "functions", "provider", "service", "stage", "region", "Type",
            "Properties", "TopicRulePayload", "Sql", "Actions", "Lambda", "FunctionArn", "Republish", "Topic", "Qos",
            "reservedConcurrency", "maximumRetryAttempts", "package", "artifact", "name", "enabled", "sqlVersion",
            "handlr", "evnets", "Sqll", "Fn::GetAtt", "Fn::Sub", "Ref", "custom", "resources", "Resources"};

    private String renameKey(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return line;
        }
        String content = line.stripLeading();
        String indent = line.substring(0, line.length() - content.length());
        String dash = content.startsWith("- ") ? "- " : "";
        return indent + dash + KEYS[random.nextInt(KEYS.length)] + line.substring(colon);
    }

    private int findSql(List<String> lines) {
        List<Integer> sql = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("sql:") || lines.get(i).contains("Sql:")) {
                sql.add(i);
            }
        }
        return sql.isEmpty() ? -1 : sql.get(random.nextInt(sql.size()));
    }

    private static String indentOf(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    private static String abbreviate(String text) {
        return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BrokenConfigurationTest.class.getResourceAsStream("/reliability/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
