package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Handlers that do what careless or hostile code does. Each tells the test what became of it through a system
 * property (shared by every class loader) named in the event's "flag", when it has an end to report.
 */
public final class HostileHandlers {

    private HostileHandlers() {
    }

    /** Throws an exception whose message itself throws, with a cause that is its own cause's cause. */
    public static class ThrowsBadly implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            RuntimeException first = new IllegalStateException("first");
            RuntimeException second = new IllegalArgumentException("second", first);
            first.initCause(second);
            throw new Treacherous(second);
        }
    }

    /** An exception that fails when asked what went wrong. */
    public static final class Treacherous extends RuntimeException {
        Treacherous(Throwable cause) {
            super(cause);
        }

        @Override
        public String getMessage() {
            throw new UnsupportedOperationException("no message for you");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("no string either");
        }
    }

    /** Recurses until the stack runs out. */
    public static class Recurses implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            return String.valueOf(depth(0));
        }

        private static long depth(long n) {
            return depth(n + 1) + 1;
        }
    }

    /** Returns an object the runtime cannot write as JSON: a getter that throws. */
    public static class Unserialisable implements RequestHandler<Map<String, String>, Unserialisable.Result> {
        public static final class Result {
            public String getName() {
                return "fine";
            }

            public String getSecret() {
                throw new IllegalStateException("this getter refuses");
            }
        }

        @Override
        public Result handleRequest(Map<String, String> event, Context context) {
            return new Result();
        }
    }

    /** Returns an object that contains itself. */
    public static class SelfReferencing implements RequestHandler<Map<String, String>, SelfReferencing.Node> {
        public static final class Node {
            private Node next = this;

            public Node getNext() {
                return next;
            }
        }

        @Override
        public Node handleRequest(Map<String, String> event, Context context) {
            return new Node();
        }
    }

    /** Keeps every megabyte it allocates until it is stopped; then says so. */
    public static class Hogs implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            List<byte[]> kept = new ArrayList<>();
            try {
                while (kept.size() >= 0) {
                    kept.add(new byte[1024 * 1024]);
                }
                return "unreachable";
            } finally {
                kept = null;
                System.setProperty(event.get("flag"), "stopped");
            }
        }
    }

    /** Allocates gigabytes in total but keeps only one megabyte at a time: not out of memory. */
    public static class Churns implements RequestHandler<Map<String, Integer>, String> {
        @Override
        public String handleRequest(Map<String, Integer> event, Context context) {
            long sum = 0;
            for (int i = 0; i < event.get("megabytes"); i++) {
                byte[] chunk = new byte[1024 * 1024];
                chunk[i % chunk.length] = (byte) i;
                sum += chunk[i % chunk.length];
            }
            return "churned " + event.get("megabytes") + " MB (" + sum + ")";
        }
    }

    /** Writes the event's "megabytes" of output, in lines of "lineBytes" (0: without any newline). */
    public static class Chatty implements RequestHandler<Map<String, Integer>, String> {
        @Override
        public String handleRequest(Map<String, Integer> event, Context context) {
            int lineBytes = event.get("lineBytes");
            long total = event.get("megabytes") * 1024L * 1024L;
            String line = "x".repeat(lineBytes == 0 ? 64 * 1024 : lineBytes - 1);
            for (long written = 0; written < total; written += line.length() + (lineBytes == 0 ? 0 : 1)) {
                if (lineBytes == 0) {
                    System.out.print(line);
                } else {
                    System.out.println(line);
                }
            }
            return "written";
        }
    }

    /**
     * Starts the event's "threads" threads that never end on their own: they sleep in a loop and swallow every
     * interrupt. The first to end sets the flag.
     */
    public static class LeaksThreads implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            int count = Integer.parseInt(event.get("threads"));
            String flag = event.get("flag");
            for (int i = 0; i < count; i++) {
                Thread leaked = new Thread(() -> {
                    try {
                        while (true) {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException swallowed) {
                                // careless code goes on
                            }
                        }
                    } finally {
                        System.setProperty(flag, "stopped");
                    }
                }, "leaked-by-" + context.getAwsRequestId() + "-" + i);
                leaked.start();
            }
            return "started " + count;
        }
    }

    /**
     * Not hostile, and common: keeps a thread pool between invocations, as a client library does. Its two core
     * threads never time out, so once the pool is idle only the end of the process ends them.
     */
    public static class KeepsAPool implements RequestHandler<Map<String, String>, String> {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            try {
                Future<String> first = pool.submit(() -> Thread.currentThread().getName());
                Future<String> second = pool.submit(() -> Thread.currentThread().getName());
                return first.get() + " " + second.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
