package dev.iotlocal.bench;

/**
 * One line of the report. A timing has its order statistics ({@code stats}); a rate, a size or a ratio has a
 * {@code value}. A line with a target says whether this run met it.
 *
 * @param scenario the scenario it belongs to, e.g. {@code 3 session}
 * @param name     what was measured, e.g. {@code warm, total}
 * @param unit     ms, us, MB, msg/s, x (a ratio), count
 * @param stats    p50/p99 and friends over the repetitions; null for a single value
 * @param value    the single value (a rate, a ratio); for a timing its p50
 * @param target   the goal as written in the issue, empty when there is none
 * @param met      whether this run met the target; null without a target
 * @param note     what the figure includes or what limited it
 */
public record Measure(String scenario, String name, String unit, Stats stats, double value, String target, Boolean met,
                      String note) {

    public static Measure timing(String scenario, String name, String unit, Stats stats, String note) {
        return new Measure(scenario, name, unit, stats, stats.p50(), "", null, note);
    }

    public static Measure value(String scenario, String name, String unit, double value, String note) {
        return new Measure(scenario, name, unit, null, value, "", null, note);
    }

    /** The same line judged against a target. */
    public Measure against(String targetText, boolean targetMet) {
        return new Measure(scenario, name, unit, stats, value, targetText, targetMet, note);
    }

    public Measure withNote(String newNote) {
        return new Measure(scenario, name, unit, stats, value, target, met, newNote);
    }
}
