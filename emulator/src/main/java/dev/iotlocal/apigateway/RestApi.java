package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.lambda.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A REST API (API Gateway v1) stage whose methods use Lambda proxy integration: it turns a request into the
 * proxy event, invokes the function synchronously and turns its answer into the HTTP response, answering as
 * API Gateway does when the function fails, is too slow or no route matches.
 */
public final class RestApi {

    private static final Logger log = LoggerFactory.getLogger("apigateway");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** serverless' {@code cors: true} preflight headers. */
    static final String CORS_ALLOWED_HEADERS =
            "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id";

    private final ApiGatewaySettings settings;
    private final RouteTable routes;
    private final LambdaIntegration lambda;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public RestApi(ApiGatewaySettings settings, List<ApiRoute> routes, LambdaIntegration lambda, Clock clock) {
        this.settings = settings;
        this.routes = new RouteTable(routes);
        this.lambda = lambda;
        this.clock = clock;
    }

    public ApiGatewaySettings settings() {
        return settings;
    }

    /** Answers one request; never throws for anything the client or the function did. */
    public ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        ApiResponse response;
        String function = "-";
        Optional<String> resourcePath = stripStage(request.path());
        if (resourcePath.isEmpty()) {
            response = missingAuthenticationToken(requestId);
        } else {
            Optional<RouteTable.Match> match = routes.find(request.method(), resourcePath.get());
            if (match.isPresent()) {
                function = match.get().route().functionName();
                response = integrate(request, resourcePath.get(), match.get(), requestId);
            } else if (request.method().equals("OPTIONS") && hasCors(resourcePath.get())) {
                response = preflight(resourcePath.get(), requestId);
            } else {
                response = missingAuthenticationToken(requestId);
            }
        }
        log.info("{} {} {} {} {} ms", request.method(), request.path(), response.status(), function,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        return response;
    }

    /** The path after {@code /<stage>}; empty when the request is not for this stage. */
    private Optional<String> stripStage(String path) {
        String prefix = "/" + settings.stage();
        if (path.equals(prefix)) {
            return Optional.of("/");
        }
        if (path.startsWith(prefix + "/")) {
            return Optional.of(path.substring(prefix.length()));
        }
        return Optional.empty();
    }

    private ApiResponse integrate(ApiRequest request, String resourcePath, RouteTable.Match match, String requestId) {
        byte[] event = ProxyEvent.of(request, resourcePath, match, settings, requestId, clock.instant(), json);
        Invocation invocation;
        try {
            invocation = lambda.invoke(match.route().functionName(), event)
                    .get(settings.integrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} did not answer within API Gateway's integration timeout of {} s",
                    match.route().functionName(), settings.integrationTimeout().toSeconds());
            return error(504, "Endpoint request timed out", requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return internalServerError(requestId);
        } catch (ExecutionException | CompletionException e) {
            log.error("Invoking {} failed: {}", match.route().functionName(), e.getCause().getMessage());
            return internalServerError(requestId);
        }
        if (!invocation.succeeded()) {
            log.warn("Execution failed due to a function error: {}", invocation.result().payloadAsString());
            return internalServerError(requestId);
        }
        return proxyResponse(invocation.result().payload(), match.route().functionName(), requestId);
    }

    /** Reads {statusCode, headers, multiValueHeaders, body, isBase64Encoded}; anything else is a 502. */
    private ApiResponse proxyResponse(byte[] payload, String function, String requestId) {
        JsonNode answer;
        try {
            answer = json.readTree(payload);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.path("statusCode").canConvertToInt()
                || (answer.has("body") && !answer.get("body").isTextual() && !answer.get("body").isNull())) {
            log.warn("Execution failed due to configuration error: Malformed Lambda proxy response from {}: {}."
                            + " Return {{\"statusCode\": <int>, \"headers\": {{...}}, \"body\": \"<string>\"}}.",
                    function, new String(payload, StandardCharsets.UTF_8));
            return internalServerError(requestId);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), new ArrayList<>(List.of(e.getValue().asText()))));
        answer.path("multiValueHeaders").fields().forEachRemaining(e -> {
            List<String> values = headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            e.getValue().forEach(v -> values.add(v.asText()));
        });
        headers.putIfAbsent("Content-Type", List.of("application/json"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        String body = answer.path("body").isTextual() ? answer.get("body").asText() : "";
        byte[] bytes;
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                log.warn("Execution failed: {} said isBase64Encoded but the body is not base64", function);
                return internalServerError(requestId);
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new ApiResponse(answer.get("statusCode").asInt(), headers, bytes);
    }

    private boolean hasCors(String resourcePath) {
        return routes.routesFor(resourcePath).stream().anyMatch(ApiRoute::cors);
    }

    private ApiResponse preflight(String resourcePath, String requestId) {
        Set<String> methods = new LinkedHashSet<>();
        methods.add("OPTIONS");
        routes.routesFor(resourcePath).stream().filter(ApiRoute::cors).map(ApiRoute::method).forEach(methods::add);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", List.of("*"));
        headers.put("Access-Control-Allow-Headers", List.of(CORS_ALLOWED_HEADERS));
        headers.put("Access-Control-Allow-Methods", List.of(String.join(",", methods)));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        return new ApiResponse(200, headers, new byte[0]);
    }

    private ApiResponse missingAuthenticationToken(String requestId) {
        ApiResponse response = error(403, "Missing Authentication Token", requestId);
        response.headers().put("x-amzn-ErrorType", List.of("MissingAuthenticationTokenException"));
        return response;
    }

    private ApiResponse internalServerError(String requestId) {
        return error(502, "Internal server error", requestId);
    }

    private ApiResponse error(int status, String message, String requestId) {
        ObjectNode body = json.createObjectNode().put("message", message);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("x-amzn-RequestId", List.of(requestId));
        return new ApiResponse(status, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String requestTime(Instant instant) {
        return REQUEST_TIME.format(instant);
    }
}
