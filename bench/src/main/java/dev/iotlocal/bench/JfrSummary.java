package dev.iotlocal.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * The hot spots of a flight recording: where CPU samples land by thread (grouped by name without numbers), the
 * methods on top of the stack (self time), the methods of this project, Moquette, Paho and Jetty found anywhere on the
 * stack (total time), and the allocation sites by sampled weight.
 */
final class JfrSummary {

    private static final int TOP = 12;
    private static final List<String> OURS = List.of("dev.iotlocal.", "foobar.", "io.moquette.", "org.eclipse.paho.",
            "org.eclipse.jetty.", "io.javalin.", "io.netty.", "software.amazon.", "com.fasterxml.");

    private JfrSummary() {
    }

    static String of(Path recording, String title) {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    RecordedThread thread = event.getThread("sampledThread");
                    threads.merge(group(thread == null ? "?" : thread.getJavaName()), 1L, Long::sum);
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : stack.getFrames()) {
                        String method = name(frame);
                        if (OURS.stream().anyMatch(method::startsWith) && seen.add(method)) {
                            total.merge(method, 1L, Long::sum);
                        }
                    }
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack != null) {
                        allocations.merge(firstOwnFrame(stack), weight, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            return "### " + title + "\n\nThe recording " + recording + " could not be read: " + e.getMessage() + "\n";
        }
        StringBuilder md = new StringBuilder("### ").append(title).append("\n\n");
        md.append(samples).append(" CPU samples (JFR, ").append(recording.getFileName()).append(").\n\n");
        table(md, "CPU by thread", threads, samples);
        table(md, "Self (top of stack)", self, samples);
        table(md, "Total (on the stack), project and library methods", total, samples);
        if (allocated > 0) {
            md.append("Sampled allocation weight: ").append(allocated / (1024 * 1024)).append(" MB.\n\n");
            table(md, "Allocation sites (first project or library frame)", allocations, allocated);
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String heading, Map<String, Long> counts, long whole) {
        md.append("| ").append(heading).append(" | share |\n|---|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> md.append("| `").append(entry.getKey()).append("` | ")
                        .append(Math.round(100.0 * entry.getValue() / Math.max(1, whole))).append(" % |\n"));
        md.append('\n');
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String firstOwnFrame(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String method = name(frame);
            if (OURS.stream().anyMatch(method::startsWith)) {
                return method;
            }
        }
        return stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0));
    }

    /** "lambda-mqtt-17" and "lambda-mqtt-18" are one group. */
    static String group(String threadName) {
        return threadName.replaceAll("\\d+", "N");
    }

}
