package dev.iotlocal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.util.UUID;

/** Errors in the shape AWS services answer with: a status, {@code x-amzn-ErrorType} and a JSON message. */
final class AwsErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsErrors() {
    }

    static void send(Context ctx, int status, String errorType, String message, String reason) {
        ctx.status(status)
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .header("x-amzn-ErrorType", errorType + ":")
                .contentType("application/json")
                .result(body(message, reason));
    }

    /**
     * Refuses a WebSocket upgrade. Javalin does not write a result on the upgrade path, so the body goes straight
     * to the servlet response, which is then complete: the upgrade cannot proceed.
     */
    static void refuseUpgrade(Context ctx, int status, String errorType, String message, String reason) {
        HttpServletResponse response = ctx.res();
        response.setStatus(status);
        response.setHeader("Sec-WebSocket-Protocol", null);
        response.setHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        response.setHeader("x-amzn-ErrorType", errorType + ":");
        response.setContentType("application/json");
        byte[] body = body(message, reason).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    private static String body(String message, String reason) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body.toString();
    }
}
