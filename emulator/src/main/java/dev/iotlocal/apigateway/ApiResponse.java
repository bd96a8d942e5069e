package dev.iotlocal.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What API Gateway answers. */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
