package dev.iotlocal.apigateway;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A method on a resource of the REST API, integrated with a function through Lambda proxy integration.
 *
 * @param method       GET, POST, ... or ANY
 * @param resourcePath e.g. {@code /}, {@code /users/{id}}, {@code /files/{proxy+}}
 * @param functionName the function invoked
 * @param cors         present when serverless configures a CORS preflight (OPTIONS) on the resource for this method
 */
public record ApiRoute(String method, String resourcePath, String functionName, Optional<Cors> cors) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(resourcePath, "resourcePath");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(cors, "cors");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("HTTP method " + method + " is not one API Gateway supports: " + METHODS);
        }
        if (!resourcePath.startsWith("/")) {
            resourcePath = "/" + resourcePath;
        }
        if (resourcePath.length() > 1 && resourcePath.endsWith("/")) {
            resourcePath = resourcePath.substring(0, resourcePath.length() - 1);
        }
    }

    /** A route without CORS. */
    public ApiRoute(String method, String resourcePath, String functionName) {
        this(method, resourcePath, functionName, Optional.empty());
    }

    /** The endpoint as {@code serverless deploy} prints it: {@code GET - https://.../dev/users/{id}}, no trailing slash. */
    public static String endpointLine(String method, String resourcePath, String stageUrl) {
        String segments = java.util.Arrays.stream(resourcePath.split("/")).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.joining("/"));
        return method + " - " + stageUrl + (segments.isEmpty() ? "" : "/" + segments);
    }
}
