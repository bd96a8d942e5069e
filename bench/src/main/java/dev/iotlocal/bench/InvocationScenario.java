package dev.iotlocal.bench;

import dev.iotlocal.IotLocal;
import dev.iotlocal.bench.jmh.InvocationBenchmark;
import dev.iotlocal.lambda.Invocation;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * 2. Warm invocation overhead: what the emulator adds around a handler. JMH compares a RequestResponse invoke
 * through {@code LambdaRuntime} with a direct Java call of the same handler; a timed loop measures the path from a
 * publish to the entry of the handler a rule invokes, and from an Invoke to the handler's entry.
 */
final class InvocationScenario implements Scenario {

    private static final String TARGET = "< 50 us (p50)";
    private static final byte[] EVENT = "{\"channelId\":\"bench\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public String id() {
        return "invocation";
    }

    @Override
    public String title() {
        return "2 invocation";
    }

    @Override
    public void run(Run run) throws Exception {
        String scenario = title();
        Stats direct = JmhRunner.sampled(JmhRunner.run(run, InvocationBenchmark.class, "direct"));
        Stats directJson = JmhRunner.sampled(JmhRunner.run(run, InvocationBenchmark.class, "directWithJson"));
        RunResult runtimeResult = JmhRunner.run(run, InvocationBenchmark.class, "lambdaRuntime");
        Stats runtime = JmhRunner.sampled(runtimeResult);
        run.report().add(Measure.timing(scenario, "direct Java call of the handler (JMH)", "us", direct, ""));
        run.report().add(Measure.timing(scenario, "direct call with JSON in and out (JMH)", "us", directJson,
                "Jackson reads the event and writes the result, as the runtime must"));
        run.report().add(Measure.timing(scenario, "LambdaRuntime.invoke, RequestResponse, warm (JMH)", "us", runtime,
                "to the completed Invocation: thread hand-off, Context, START/END/REPORT lines, recording"));
        double overhead = runtime.p50() - direct.p50();
        run.report().add(Measure.value(scenario, "invoke overhead over a direct call (p50 difference)", "us", overhead,
                "ratio " + Report.fmt(runtime.p50() / direct.p50()) + "x").against(TARGET, overhead < 50));

        entryLatencies(run, scenario);
    }

    /** In this JVM: an emulator with one function behind a rule, whose handler returns the time it was entered. */
    private static void entryLatencies(Run run, String scenario) throws IOException, InterruptedException,
            java.text.ParseException {
        Path config = run.work().resolve("bench-service.yml");
        try (InputStream yml = InvocationScenario.class.getResourceAsStream("/bench-service.yml")) {
            Files.write(config, yml.readAllBytes());
        }
        BenchConfig settings = run.config();
        Samples ruleToEntry = new Samples();
        Samples invokeToEntry = new Samples();
        Samples invokeComplete = new Samples();
        jdk.jfr.Recording recording = null;
        if (settings.profile()) { // the emulator runs in this JVM here: record this JVM
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        try (IotLocal iot = IotLocal.builder().config(config).edgePort(0).mqttPort(0).build().start()) {
            for (int i = 0; i < settings.entryWarmup() + settings.entryRepetitions(); i++) {
                boolean measured = i >= settings.entryWarmup();
                long published = System.nanoTime();
                iot.publish("bench/entry", EVENT, 0);
                Invocation ruled = iot.takeInvocation("entry", Duration.ofSeconds(10)).orElseThrow(() ->
                        new IllegalStateException("The rule did not invoke the function within 10 s"));
                long invoked = System.nanoTime();
                Invocation direct = iot.lambda().invoke("entry", EVENT).join();
                long completed = System.nanoTime();
                iot.takeInvocation("entry", Duration.ofSeconds(10)); // the recorder keeps it too: keep it empty
                if (measured) {
                    ruleToEntry.add(entered(ruled) - published);
                    invokeToEntry.add(entered(direct) - invoked);
                    invokeComplete.add(completed - invoked);
                }
            }
        } finally {
            if (recording != null) {
                recording.dump(run.profiles().resolve("invocation-entry.jfr"));
                recording.close();
                run.summariseProfile("invocation-entry", "Profile: publish and Invoke to handler entry (in-process)");
            }
        }
        Stats rule = ruleToEntry.micros();
        run.report().add(Measure.timing(scenario, "publish to entry of the handler a rule invokes", "us", rule,
                "IotLocal.publish (broker, rules engine, async Event invoke) to the handler's first line, in-process")
                .against(TARGET, rule.p50() < 50));
        Stats invoke = invokeToEntry.micros();
        run.report().add(Measure.timing(scenario, "Invoke (RequestResponse) to handler entry", "us", invoke,
                "LambdaRuntime.invoke to the handler's first line").against(TARGET, invoke.p50() < 50));
        run.report().add(Measure.timing(scenario, "Invoke (RequestResponse) to completion, timed loop", "us",
                invokeComplete.micros(), "same path as the JMH line, measured from outside JMH"));
    }

    private static long entered(Invocation invocation) {
        if (!invocation.succeeded()) {
            throw new IllegalStateException("The entry function failed: " + invocation.result().payloadAsString());
        }
        return Long.parseLong(invocation.result().payloadAsString().replace("\"", "").trim());
    }
}
