package dev.iotlocal.edge;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The body of a request to AWS's HTTP APIs. A body that cannot be read (a broken chunked encoding, a client gone
 * in the middle) is the client's mistake: it gets a 400 in AWS's shape, not the server error Javalin would answer.
 */
final class RequestBody {

    private static final Logger log = LoggerFactory.getLogger("edge");

    private RequestBody() {
    }

    /** The body, or empty once a 400 with {@code errorType} has been answered. */
    static Optional<byte[]> read(Context ctx, String errorType) {
        try {
            return Optional.of(ctx.bodyAsBytes());
        } catch (Exception e) { // Jetty's early EOF is an IOException, thrown through Javalin's Kotlin unchecked
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Refused {} {} from {}: its body could not be read ({})", ctx.method(), ctx.path(), ctx.ip(), reason);
            AwsErrors.send(ctx, 400, errorType, "The request body could not be read (" + reason + "). Send it whole,"
                    + " with a Content-Length or a valid chunked encoding.", null);
            return Optional.empty();
        }
    }
}
