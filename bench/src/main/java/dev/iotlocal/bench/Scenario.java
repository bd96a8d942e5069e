package dev.iotlocal.bench;

/** One part of the benchmark; it adds its lines to the run's report. */
interface Scenario {

    /** Short name for {@code --only}, e.g. {@code session}. */
    String id();

    /** The heading of its lines in the report, e.g. {@code 3 session}. */
    String title();

    void run(Run run) throws Exception;
}
