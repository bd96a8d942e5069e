package dev.iotlocal.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line's log output: one line per event on standard error, as text for people or JSON for log
 * collectors. Registered as SLF4J's provider in the command line's jar only (see the shade configuration), so the
 * emulator as a library keeps whatever logging its user has. Libraries the emulator embeds log warnings only.
 */
public final class ConsoleLogging implements SLF4JServiceProvider {

    /** System property read once at start-up: {@code text} (default) or {@code json}. */
    static final String FORMAT_PROPERTY = "iotlocal.log.format";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String[] QUIET = {"io.moquette", "io.netty", "org.eclipse.jetty", "io.javalin"};

    private ILoggerFactory factory;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public void initialize() {
        boolean json = "json".equalsIgnoreCase(System.getProperty(FORMAT_PROPERTY, "text"));
        Map<String, Logger> loggers = new ConcurrentHashMap<>();
        factory = name -> loggers.computeIfAbsent(name, n -> new ConsoleLogger(n, json, System.err));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    private static final class ConsoleLogger extends LegacyAbstractLogger {
        private final boolean json;
        private final PrintStream out;
        private final Level threshold;

        ConsoleLogger(String name, boolean json, PrintStream out) {
            this.name = name;
            this.json = json;
            this.out = out;
            Level level = Level.INFO;
            for (String quiet : QUIET) {
                if (name.startsWith(quiet)) {
                    level = Level.WARN;
                }
            }
            this.threshold = level;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            String line;
            if (json) {
                StringBuilder builder = new StringBuilder(128).append("{\"time\":\"").append(Instant.now())
                        .append("\",\"level\":\"").append(level).append("\",\"logger\":\"").append(escape(name))
                        .append("\",\"message\":\"").append(escape(message)).append('"');
                if (throwable != null) {
                    builder.append(",\"error\":\"").append(escape(stackTrace(throwable))).append('"');
                }
                line = builder.append('}').toString();
            } else {
                line = TIME.format(LocalTime.now(ZoneId.systemDefault())) + " " + String.format(Locale.ROOT, "%-5s", level)
                        + " " + name + " - " + message + (throwable == null ? "" : "\n" + stackTrace(throwable));
            }
            out.println(line);
        }

        private static String escape(String text) {
            return new String(JsonStringEncoder.getInstance().quoteAsString(text));
        }

        private static String stackTrace(Throwable throwable) {
            StringWriter writer = new StringWriter();
            throwable.printStackTrace(new PrintWriter(writer));
            return writer.toString().strip();
        }
    }
}
