package dev.iotlocal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.IotLocal;
import dev.iotlocal.IotLocalBuilder;
import dev.iotlocal.lambda.Invocation;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator under test in a process of its own, so that its memory and threads are measured apart from the load
 * driver's, built with {@link IotLocalBuilder} options the command line does not have (a function's environment).
 *
 * <p>Arguments: {@code <serverless.yml> [function.VARIABLE=value ...] [--concurrency N]}. It prints
 * {@code @@host ready {...}} once started and answers commands read from standard input, one per line:
 * {@code take <function> <millis>} (the next completed invocation), {@code quit}. It stops when its input closes,
 * so a driver that dies leaves no emulator behind.
 */
public final class EmulatorHost {

    static final String PREFIX = "@@host ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorHost() {
    }

    public static void main(String[] args) throws Exception {
        IotLocalBuilder builder = IotLocal.builder().config(Path.of(args[0])).edgePort(0).mqttPort(0);
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--concurrency")) {
                setConcurrencyLimit(builder, Integer.parseInt(args[++i]));
                continue;
            }
            String[] assignment = args[i].split("=", 2);
            int dot = assignment[0].indexOf('.');
            builder.functionEnvironment(assignment[0].substring(0, dot), Map.of(assignment[0].substring(dot + 1), assignment[1]));
        }
        long start = System.nanoTime();
        IotLocal iot = builder.build().start();
        ObjectNode ready = JSON.createObjectNode()
                .put("edgePort", iot.edgePort())
                .put("mqttPort", iot.mqttPort())
                .put("region", iot.region())
                .put("startMillis", (System.nanoTime() - start) / 1e6);
        reply("ready " + ready);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] command = line.trim().split("\\s+");
                if (command[0].equals("take")) {
                    reply("invocation " + take(iot, command[1], Duration.ofMillis(Long.parseLong(command[2]))));
                } else {
                    reply("error unknown command: " + line);
                }
            }
        } finally {
            iot.close();
        }
        reply("stopped");
        System.exit(0);
    }

    private static ObjectNode take(IotLocal iot, String function, Duration timeout) throws InterruptedException {
        Optional<Invocation> taken = iot.takeInvocation(function, timeout);
        ObjectNode out = JSON.createObjectNode().put("found", taken.isPresent());
        taken.ifPresent(invocation -> out
                .put("cold", invocation.coldStart())
                .put("succeeded", invocation.succeeded())
                .put("durationMillis", invocation.duration().toNanos() / 1e6)
                .put("initMillis", invocation.initDuration().map(d -> d.toNanos() / 1e6).orElse(0.0))
                .put("result", abbreviate(invocation.result().payloadAsString())));
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /**
     * Lambda's account concurrency limit (1000 by default on AWS) is an option of newer emulators
     * ({@code IotLocalBuilder.concurrencyLimit}); the scale scenario raises it above its session count when present.
     */
    private static void setConcurrencyLimit(IotLocalBuilder builder, int limit) {
        try {
            Method option = IotLocalBuilder.class.getMethod("concurrencyLimit", int.class);
            option.invoke(builder, limit);
        } catch (NoSuchMethodException e) {
            // this emulator has no concurrency limit: nothing to raise
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Setting the concurrency limit to " + limit + " failed: " + e, e);
        }
    }

    private static void reply(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
