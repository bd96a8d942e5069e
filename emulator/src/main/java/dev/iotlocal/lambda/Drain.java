package dev.iotlocal.lambda;

import java.time.Duration;
import java.util.List;

/**
 * What happened to the invocations running when the emulator was asked to stop: each either ended within the grace
 * period or was cut short at its end.
 *
 * @param inFlight the invocations running when the stop began
 * @param ended    how many of them ended within the grace period (succeeded or failed, as they would have)
 * @param cut      the functions of those still running at the end of the grace period, one entry per invocation
 * @param grace    the grace period
 */
public record Drain(int inFlight, int ended, List<String> cut, Duration grace) {

    public Drain {
        cut = List.copyOf(cut);
    }

    /** Nothing was running. */
    public static Drain idle(Duration grace) {
        return new Drain(0, 0, List.of(), grace);
    }

    /**
     * One line for people: {@code 3 invocations in flight, 1 ended within the 2 s grace period, 2 cut short at its
     * end (foobar-dev-mqtt x2)}.
     */
    public String summary() {
        String period = "the " + seconds(grace) + " grace period";
        if (inFlight == 0) {
            return "no invocation in flight";
        }
        String text = inFlight + (inFlight == 1 ? " invocation" : " invocations") + " in flight, " + ended
                + " ended within " + period;
        if (!cut.isEmpty()) {
            java.util.Map<String, Long> byFunction = new java.util.TreeMap<>();
            cut.forEach(function -> byFunction.merge(function, 1L, Long::sum));
            text += ", " + cut.size() + " cut short at its end (" + String.join(", ", byFunction.entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")).toList()) + ")";
        }
        return text;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
