package dev.iotlocal.it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;
import java.util.UUID;

/** The handlers of src/test/resources/lambda/serverless.yml. */
public final class LabHandlers {

    private LabHandlers() {
    }

    /** Counts its invocations in a static field, which lives as long as its execution environment. */
    public static class Counter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private static final String ENVIRONMENT = UUID.randomUUID().toString();
        private static int invocations;

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            invocations++;
            Object millis = event.get("sleepMillis");
            if (millis instanceof Number n) {
                try {
                    Thread.sleep(n.longValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Map.of("invocations", invocations, "environment", ENVIRONMENT, "greeting", System.getenv("GREETING"),
                    "requestId", context.getAwsRequestId());
        }
    }

    /** Logs through System.out, System.err and the LambdaLogger. */
    public static class Logs implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            System.out.println("stdout: " + event.get("text"));
            System.err.println("stderr: " + event.get("text"));
            context.getLogger().log("logger: " + event.get("text"));
            return "logged";
        }
    }

    /** Ignores the interrupt at its timeout and spins; tells through a system property when it was stopped. */
    public static class Spinner implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            try {
                long spins = 0;
                while (spins >= 0) {
                    spins++;
                    Thread.interrupted();
                }
                return "unreachable";
            } finally {
                System.setProperty(event.get("flag"), "stopped");
            }
        }
    }

    /** Calls System.exit, which on AWS ends the environment's process. */
    public static class Quitter implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            System.exit(7);
            return "unreachable";
        }
    }

    /** Always fails, so that Lambda retries its asynchronous events. */
    public static class Flaky implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("flaky failed on " + event.get("n"));
        }
    }
}
