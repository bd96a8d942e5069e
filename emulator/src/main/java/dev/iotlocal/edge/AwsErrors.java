package dev.iotlocal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.util.UUID;

/** Errors in the shape AWS services answer with: a status, {@code x-amzn-ErrorType} and a JSON message. */
final class AwsErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsErrors() {
    }

    static void send(Context ctx, int status, String errorType, String message, String reason) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        if (reason != null) {
            body.put("reason", reason);
        }
        ctx.status(status)
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .header("x-amzn-ErrorType", errorType + ":")
                .contentType("application/json")
                .result(body.toString());
    }
}
