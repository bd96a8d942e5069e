package dev.iotlocal.bench;

import dev.iotlocal.bench.jmh.IotSqlBenchmark;
import dev.iotlocal.bench.jmh.SigV4Benchmark;

/** 7. JMH: IoT SQL evaluations per second and SigV4 verifications per second, one thread. */
final class MicroScenario implements Scenario {

    @Override
    public String id() {
        return "micro";
    }

    @Override
    public String title() {
        return "7 micro";
    }

    @Override
    public void run(Run run) throws Exception {
        for (String statement : new String[] {"seed-star", "seed-field", "telemetry"}) {
            run.report().add(JmhRunner.rate(title(), "IoT SQL evaluations, " + statement,
                    JmhRunner.run(run, IotSqlBenchmark.class, "evaluate", "statement", statement),
                    IotSqlBenchmark.STATEMENTS.get(statement)));
        }
        run.report().add(JmhRunner.rate(title(), "SigV4 presigned URL verifications, accepted",
                JmhRunner.run(run, SigV4Benchmark.class, "accepted"), "the /mqtt upgrade check"));
        run.report().add(JmhRunner.rate(title(), "SigV4 presigned URL verifications, refused (bad signature)",
                JmhRunner.run(run, SigV4Benchmark.class, "refused"), "with the explanation of the mismatch"));
    }
}
