package dev.iotlocal.apigateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as it reached the API's stage.
 *
 * @param path            the full path, with the stage, e.g. {@code /dev/users/7}, not decoded
 * @param headers         names as received, each with its values in order
 * @param queryParameters decoded names and values, in order
 * @param body            the body; empty when there is none
 * @param sourceIp        the client's address
 * @param protocol        e.g. {@code HTTP/1.1}
 * @param port            the port the client connected to
 */
public record ApiRequest(String method, String path, Map<String, List<String>> headers,
                         Map<String, List<String>> queryParameters, byte[] body, String sourceIp, String protocol,
                         int port) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(queryParameters, "queryParameters");
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, whatever the case of its name. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
