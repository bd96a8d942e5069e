package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.lambda.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A REST API (API Gateway v1) stage whose methods use Lambda proxy integration: it turns a request into the
 * proxy event, invokes the function synchronously and turns its answer into the HTTP response, answering as
 * API Gateway does when the function fails, is too slow or no route matches.
 */
public final class RestApi {

    /** API Gateway's payload limit: 10 MB. */
    public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger("apigateway");

    private final ApiGatewaySettings settings;
    private final RouteTable routes;
    private final Map<String, Preflight> preflights = new HashMap<>();
    private final BinaryMediaTypes binaryMediaTypes;
    private final LambdaIntegration lambda;
    private final Clock clock;
    private final AccessLog accessLog;
    private final ObjectMapper json = new ObjectMapper();

    public RestApi(ApiGatewaySettings settings, List<ApiRoute> routes, LambdaIntegration lambda, Clock clock) {
        this(settings, routes, lambda, clock, AccessLog.toLogger());
    }

    public RestApi(ApiGatewaySettings settings, List<ApiRoute> routes, LambdaIntegration lambda, Clock clock,
                   AccessLog accessLog) {
        this.settings = settings;
        this.routes = new RouteTable(routes);
        this.binaryMediaTypes = BinaryMediaTypes.of(settings.binaryMediaTypes());
        this.lambda = lambda;
        this.clock = clock;
        this.accessLog = accessLog;
        Map<String, List<ApiRoute>> byResource = new LinkedHashMap<>();
        routes.forEach(r -> byResource.computeIfAbsent(r.resourcePath(), p -> new ArrayList<>()).add(r));
        byResource.forEach((resource, onResource) -> Preflight.of(onResource).ifPresent(p -> preflights.put(resource, p)));
    }

    public ApiGatewaySettings settings() {
        return settings;
    }

    /** Answers one request; never throws for anything the client or the function did. */
    public ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        RequestIds ids = RequestIds.create(now, request.header("X-Amzn-Trace-Id").orElse(null));
        String function = "-";
        ApiResponse response;
        try {
            Optional<String> path = stripStage(request.path());
            Optional<Preflight> preflight = path.filter(p -> request.method().equals("OPTIONS"))
                    .flatMap(routes::resourceFor).map(preflights::get);
            Optional<RouteTable.Match> match = path.flatMap(p -> routes.find(request.method(), p));
            if (preflight.isPresent()) {
                // serverless' OPTIONS method (a MOCK integration) answers, even on a resource with ANY.
                response = preflight(preflight.get(), request, ids);
            } else if (match.isPresent()) {
                function = match.get().route().functionName();
                response = integrate(request, path.get(), match.get(), ids, now);
            } else {
                response = GatewayResponses.missingAuthenticationToken(ids);
            }
        } catch (RuntimeException e) {
            log.error("{} {} failed inside the emulator; answering 502 as API Gateway would.", request.method(),
                    request.path(), e);
            response = GatewayResponses.badGateway(ids);
        }
        logRequest(request, response, function, started);
        return response;
    }

    /** Answers a request whose body is over {@link #MAX_PAYLOAD_BYTES}, before any routing, as API Gateway does. */
    public ApiResponse payloadTooLarge(ApiRequest request) {
        long started = System.nanoTime();
        RequestIds ids = RequestIds.create(clock.instant(), request.header("X-Amzn-Trace-Id").orElse(null));
        log.warn("{} {}: the body is over API Gateway's payload limit of 10 MB.", request.method(), request.path());
        ApiResponse response = GatewayResponses.requestTooLarge(ids);
        logRequest(request, response, "-", started);
        return response;
    }

    /** The answer to a request that failed in the HTTP layer, in API Gateway's shape, logged as any other. */
    public ApiResponse internalError(ApiRequest request, RuntimeException failure) {
        long started = System.nanoTime();
        log.error("{} {} failed inside the emulator; answering 502 as API Gateway would.", request.method(),
                request.path(), failure);
        ApiResponse response = GatewayResponses.badGateway(RequestIds.create(clock.instant(), null));
        logRequest(request, response, "-", started);
        return response;
    }

    private void logRequest(ApiRequest request, ApiResponse response, String function, long started) {
        accessLog.write(String.format(Locale.ROOT, "%s %s %d %s %.1f ms", request.method(), request.path(),
                response.status(), function, (System.nanoTime() - started) / 1e6));
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

    private ApiResponse preflight(Preflight preflight, ApiRequest request, RequestIds ids) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        preflight.headers(request.header("Origin").orElse(null)).forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Content-Type", List.of("application/json"));
        return new ApiResponse(200, GatewayResponses.withIds(headers, ids), new byte[0]);
    }

    private ApiResponse integrate(ApiRequest request, String path, RouteTable.Match match, RequestIds ids, Instant now) {
        String function = match.route().functionName();
        byte[] event = ProxyEvent.of(request, path, match, settings, binaryMediaTypes, ids, now, json);
        Invocation invocation;
        try {
            invocation = lambda.invoke(function, event)
                    .get(settings.integrationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} {}: {} did not answer within API Gateway's integration timeout of {} ms: 504. The function"
                            + " goes on running, as on AWS.", request.method(), request.path(), function,
                    settings.integrationTimeout().toMillis());
            return GatewayResponses.integrationTimeout(ids);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponses.badGateway(ids);
        } catch (ExecutionException e) {
            log.error("{} {}: invoking {} failed: {}", request.method(), request.path(), function,
                    e.getCause() == null ? e.toString() : e.getCause().getMessage());
            return GatewayResponses.badGateway(ids);
        }
        if (!invocation.succeeded()) {
            log.warn("{} {}: Execution failed due to a function error in {}: {}", request.method(), request.path(),
                    function, invocation.result().payloadAsString());
            return GatewayResponses.badGateway(ids);
        }
        ProxyResponse.Outcome outcome = ProxyResponse.read(invocation.result().payload(),
                request.header("Accept").orElse(null), binaryMediaTypes, json);
        if (outcome instanceof ProxyResponse.Valid valid) {
            return new ApiResponse(valid.status(), GatewayResponses.withIds(valid.headers(), ids), valid.body());
        }
        if (outcome instanceof ProxyResponse.UndecodableBody undecodable) {
            log.warn("{} {}: {} answered {}: 500.", request.method(), request.path(), function, undecodable.reason());
            return GatewayResponses.configurationError(ids);
        }
        ProxyResponse.Malformed malformed = (ProxyResponse.Malformed) outcome;
        log.warn("{} {}: Execution failed due to configuration error: Malformed Lambda proxy response from {}: {}."
                        + " Return {{\"statusCode\": 200, \"headers\": {{...}}, \"body\": \"...\"}}. It returned: {}",
                request.method(), request.path(), function, malformed.reason(),
                abbreviate(invocation.result().payloadAsString()));
        return GatewayResponses.badGateway(ids);
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "... (" + text.length() + " characters)" : text;
    }
}
