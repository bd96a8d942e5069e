package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

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

    public static class ExitsByReference implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            IntConsumer exit = System::exit;
            exit.accept(5);
            return "unreachable";
        }
    }

    public static class HaltsByBoundReference implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            IntConsumer halt = Runtime.getRuntime()::halt;
            halt.accept(6);
            return "unreachable";
        }
    }

    /** Reads a variable through a method reference, as stream code does. */
    public static class GetenvByReference implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            Function<String, String> getenv = System::getenv;
            return getenv.apply(event.get("variable"));
        }
    }

    /** Uses the JDK's XML parser, as the AWS SDK does for S3 and STS answers. */
    public static class ParsesXml implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            try {
                return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(event.get("xml").getBytes(StandardCharsets.UTF_8)))
                        .getDocumentElement().getTagName();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sleeps for the event's "millis", then says which environment it ran in. */
    public static class Sleeps implements RequestHandler<Map<String, Integer>, String> {
        private static final String ENVIRONMENT = java.util.UUID.randomUUID().toString();

        @Override
        public String handleRequest(Map<String, Integer> event, Context context) {
            try {
                Thread.sleep(event.getOrDefault("millis", 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ENVIRONMENT;
        }
    }

    public static class Echo {
        public String shout(String input) {
            return input.toUpperCase();
        }
    }

    /** Writes to standard output and error, as functions log with System.out.println. */
    public static class Prints implements RequestHandler<Map<String, String>, String> {
        static {
            System.out.println("printed during init");
        }

        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            System.out.println("to stdout: " + event.get("word"));
            System.err.print("to stderr\r\nand a second line\n");
            java.util.function.Consumer<String> print = System.out::println;
            print.accept("by reference");
            context.getLogger().log("through the LambdaLogger");
            System.out.print("without a newline");
            return "printed";
        }
    }

    /** Answers with as many bytes as the event asks for. */
    public static class Large implements RequestHandler<Map<String, Integer>, String> {
        @Override
        public String handleRequest(Map<String, Integer> event, Context context) {
            return "x".repeat(event.get("bytes"));
        }
    }

    /**
     * Ignores its interrupt and spins until stopped; then says so through a system property (shared by every
     * class loader) named in the event.
     */
    public static class Spins implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            try {
                long spins = 0;
                while (spins >= 0) {
                    spins++;
                    Thread.interrupted(); // swallowed, as careless code does
                }
                return "unreachable";
            } finally {
                System.setProperty(event.get("flag"), "stopped");
            }
        }
    }
}
