package dev.iotlocal.it.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Returns the request's body verbatim as its own result: a test POSTs the exact answer (well-formed or not) it
 * wants the function to give API Gateway.
 */
public class ScriptedResponseHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        output.write(event.path("body").asText("").getBytes(StandardCharsets.UTF_8));
    }
}
