package dev.iotlocal.apigateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The OPTIONS method serverless adds to a resource when one of its {@code http} events has {@code cors}: a MOCK
 * integration answering 200 with static CORS headers, merged over the resource's CORS-enabled methods as serverless
 * merges them (headers, methods and origins united, credentials if any asks, the last maxAge and cacheControl).
 * When origins are listed, the request's Origin is echoed if it matches one (serverless' response template).
 */
final class Preflight {

    private static final String ANY_METHODS = "DELETE,GET,HEAD,PATCH,POST,PUT";

    private final String defaultOrigin;
    private final List<Pattern> echoedOrigins;
    private final Map<String, String> headers;

    private Preflight(String defaultOrigin, List<Pattern> echoedOrigins, Map<String, String> headers) {
        this.defaultOrigin = defaultOrigin;
        this.echoedOrigins = echoedOrigins;
        this.headers = headers;
    }

    /** The preflight of a resource, from its routes in serverless.yml order; empty when none has CORS. */
    static Optional<Preflight> of(List<ApiRoute> resourceRoutes) {
        List<String> headers = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        boolean credentials = false;
        Integer maxAge = null;
        String cacheControl = null;
        boolean any = false;
        for (ApiRoute route : resourceRoutes) {
            if (route.cors().isEmpty()) {
                continue;
            }
            any = true;
            Cors cors = route.cors().get();
            // serverless unites each event's lists in front of what came before.
            headers = union(cors.headers(), headers);
            methods = union(List.of("OPTIONS", route.method()), methods);
            if (!cors.origins().equals(List.of("*"))) { // cors: true (origin '*') adds no origin to echo
                origins = union(splitOrigins(cors.origins()), origins);
            }
            credentials |= cors.allowCredentials();
            if (cors.maxAgeSeconds().isPresent() && cors.maxAgeSeconds().get() > 0) {
                maxAge = cors.maxAgeSeconds().get();
            }
            if (cors.cacheControl().isPresent() && !cors.cacheControl().get().isEmpty()) {
                cacheControl = cors.cacheControl().get();
            }
        }
        if (!any) {
            return Optional.empty();
        }
        String defaultOrigin = origins.isEmpty() ? "*" : origins.get(0);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("Access-Control-Allow-Headers", String.join(",", headers));
        answer.put("Access-Control-Allow-Methods", String.join(",", methods).replaceFirst("ANY", ANY_METHODS));
        if (credentials) {
            answer.put("Access-Control-Allow-Credentials", "true");
        }
        if (maxAge != null) {
            answer.put("Access-Control-Max-Age", maxAge.toString());
        }
        if (cacheControl != null) {
            answer.put("Cache-Control", cacheControl);
        }
        return Optional.of(new Preflight(defaultOrigin, patterns(origins), Map.copyOf(answer)));
    }

    /** The preflight answer's headers, in a stable order, for a request from this Origin (may be null). */
    Map<String, String> headers(String requestOrigin) {
        Map<String, String> answer = new LinkedHashMap<>();
        String origin = defaultOrigin;
        if (requestOrigin != null && echoedOrigins.stream().anyMatch(p -> p.matcher(requestOrigin).matches())) {
            origin = requestOrigin;
        }
        answer.put("Access-Control-Allow-Origin", origin);
        for (String name : List.of("Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
                "Access-Control-Allow-Credentials", "Access-Control-Max-Age", "Cache-Control")) {
            if (headers.containsKey(name)) {
                answer.put(name, headers.get(name));
            }
        }
        return answer;
    }

    /** serverless reads {@code origin: 'a, b'} as two origins. */
    private static List<String> splitOrigins(List<String> origins) {
        List<String> split = new ArrayList<>();
        for (String origin : origins) {
            for (String part : origin.split(",")) {
                if (!part.isBlank()) {
                    split.add(part.strip());
                }
            }
        }
        return split;
    }

    /** serverless' glob: literal dots, the first '*' for one or more characters, matched as a Java regex. */
    private static List<Pattern> patterns(List<String> origins) {
        List<Pattern> patterns = new ArrayList<>();
        for (String origin : origins) {
            try {
                patterns.add(Pattern.compile(origin.replace(".", "[.]").replaceFirst("\\*", ".+")));
            } catch (PatternSyntaxException e) {
                // API Gateway's template would not match it either
            }
        }
        return List.copyOf(patterns);
    }

    private static List<String> union(List<String> first, List<String> then) {
        List<String> united = new ArrayList<>();
        for (List<String> list : List.of(first, then)) {
            for (String item : list) {
                if (!united.contains(item)) {
                    united.add(item);
                }
            }
        }
        return united;
    }
}
