package dev.iotlocal.apigateway;

import org.slf4j.LoggerFactory;

/** Where the API writes one line per request: method, path, status, function and duration. */
@FunctionalInterface
public interface AccessLog {

    void write(String line);

    /** The {@code apigateway} logger, at INFO. */
    static AccessLog toLogger() {
        var logger = LoggerFactory.getLogger("apigateway");
        return logger::info;
    }
}
