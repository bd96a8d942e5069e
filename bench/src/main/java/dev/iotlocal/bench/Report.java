package dev.iotlocal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's results: {@code report.md} (a table for people) and {@code report.json} (the same for tools), rewritten
 * after every scenario so that an interrupted run still leaves what it measured.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final String command;
    private final Map<String, String> machine;
    private final Map<String, Object> configuration;
    private final Instant started = Instant.now();
    private final double loadAtStart = Machine.loadAverage();
    private final List<Measure> measures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();

    Report(Path directory, String command, Map<String, String> machine, Map<String, Object> configuration) {
        this.directory = directory;
        this.command = command;
        this.machine = machine;
        this.configuration = configuration;
    }

    synchronized void add(Measure measure) {
        measures.add(measure);
        System.out.println("  " + line(measure));
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    /** A profile summary (Markdown) to append to the report. */
    synchronized void profile(String markdown) {
        profiles.add(markdown);
    }

    synchronized List<Measure> measures() {
        return List.copyOf(measures);
    }

    synchronized void write() {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("report.md"), markdown());
            JSON.writeValue(directory.resolve("report.json").toFile(), json());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report into " + directory, e);
        }
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# iotlocal benchmark report\n\n");
        md.append("Run ").append(started).append(" to ").append(Instant.now()).append(", load average ")
                .append(fmt(loadAtStart)).append(" at start, ").append(fmt(Machine.loadAverage())).append(" at end.\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("Machine: ");
        machine.forEach((key, value) -> md.append(key).append(" ").append(value).append("; "));
        md.append("\n\n");
        md.append("| scenario | measure | p50 | p99 | n | value | target | met | note |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Measure m : measures) {
            md.append("| ").append(m.scenario()).append(" | ").append(m.name()).append(" | ")
                    .append(m.stats() == null ? "" : fmt(m.stats().p50()) + " " + m.unit()).append(" | ")
                    .append(m.stats() == null ? "" : fmt(m.stats().p99()) + " " + m.unit()).append(" | ")
                    .append(m.stats() == null ? "" : m.stats().n()).append(" | ")
                    .append(m.stats() == null ? fmt(m.value()) + " " + m.unit() : "").append(" | ")
                    .append(m.target()).append(" | ")
                    .append(m.met() == null ? "" : m.met() ? "yes" : "**MISSED**").append(" | ")
                    .append(m.note() == null ? "" : m.note().replace("|", "\\|")).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        profiles.forEach(profile -> md.append('\n').append(profile).append('\n'));
        return md.toString();
    }

    private ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        root.put("command", command);
        root.put("loadAverageAtStart", loadAtStart);
        root.put("loadAverageAtEnd", Machine.loadAverage());
        root.set("machine", JSON.valueToTree(machine));
        root.set("configuration", JSON.valueToTree(configuration));
        ArrayNode results = root.putArray("results");
        for (Measure m : measures) {
            ObjectNode row = results.addObject();
            row.put("scenario", m.scenario());
            row.put("name", m.name());
            row.put("unit", m.unit());
            if (m.stats() != null) {
                row.put("n", m.stats().n());
                number(row, "p50", m.stats().p50());
                number(row, "p99", m.stats().p99());
                number(row, "min", m.stats().min());
                number(row, "max", m.stats().max());
                number(row, "mean", m.stats().mean());
            }
            number(row, "value", m.value());
            if (!m.target().isEmpty()) {
                row.put("target", m.target());
                row.put("met", m.met());
            }
            if (m.note() != null && !m.note().isEmpty()) {
                row.put("note", m.note());
            }
        }
        root.set("notes", JSON.valueToTree(notes));
        return root;
    }

    private static void number(ObjectNode row, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            row.putNull(field);
        } else {
            row.put(field, value);
        }
    }

    static String line(Measure m) {
        String figures = m.stats() == null ? fmt(m.value()) + " " + m.unit()
                : "p50 " + fmt(m.stats().p50()) + " " + m.unit() + ", p99 " + fmt(m.stats().p99()) + " " + m.unit()
                + " (n=" + m.stats().n() + ")";
        String verdict = m.met() == null ? "" : (m.met() ? "  [met: " : "  [MISSED: ") + m.target() + "]";
        String alarm = m.note() != null && (m.note().contains("LOST") || m.note().contains("FAILED")) ? "  (" + m.note() + ")" : "";
        return m.scenario() + " / " + m.name() + ": " + figures + verdict + alarm;
    }

    /** Three significant digits, which is all a busy 2-core machine can promise. */
    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
