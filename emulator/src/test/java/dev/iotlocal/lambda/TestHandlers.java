package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Handlers the runtime's tests deploy from the test classpath. */
public final class TestHandlers {

    private TestHandlers() {
    }

    /** Answers with a variable of its environment, and how often this environment's statics were touched. */
    public static class Environment implements RequestHandler<Map<String, String>, Map<String, Object>> {
        private static int invocations;

        @Override
        public Map<String, Object> handleRequest(Map<String, String> event, Context context) {
            invocations++;
            String name = event.get("variable");
            return Map.of("value", name == null ? "" : String.valueOf(System.getenv(name)), "invocations", invocations,
                    "remaining", context.getRemainingTimeInMillis(), "function", context.getFunctionName());
        }
    }

    public static class Throws implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            throw new IllegalStateException("boom: " + event.get("why"));
        }
    }

    public static class Exits implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            System.exit(3);
            return "unreachable";
        }
    }

    public static class Halts implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            Runtime.getRuntime().halt(4);
            return "unreachable";
        }
    }

    public static class Echo {
        public String shout(String input) {
            return input.toUpperCase();
        }
    }
}
