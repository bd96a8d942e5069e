package dev.iotlocal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a running JVM about itself with the JDK's {@code jcmd}: where its memory goes, which class loaders it holds. */
final class Jcmd {

    private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)",
            Pattern.MULTILINE);

    private Jcmd() {
    }

    static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return out;
    }

    /** The committed memory of each Native Memory Tracking category, largest first, as a Markdown table. */
    static String nativeMemoryTable(String summary) {
        record Category(String name, long committedKb) {
        }
        List<Category> categories = new ArrayList<>();
        Matcher match = NMT_CATEGORY.matcher(summary);
        while (match.find()) {
            categories.add(new Category(match.group(1).trim(), Long.parseLong(match.group(2))));
        }
        categories.sort((a, b) -> Long.compare(b.committedKb, a.committedKb));
        StringBuilder md = new StringBuilder("| NMT category | committed |\n|---|---|\n");
        categories.stream().limit(10).forEach(c -> md.append("| ").append(c.name).append(" | ")
                .append(c.committedKb / 1024).append(" MB |\n"));
        return md.toString();
    }
}
