package dev.iotlocal.apigateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths to resources as API Gateway does: a literal segment beats {@code {param}}, which beats
 * {@code {proxy+}}; a method's own route beats ANY.
 */
final class RouteTable {

    private final List<ApiRoute> routes;

    RouteTable(List<ApiRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /** A route found for a request, with its path parameters (decoded). */
    record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    Optional<Match> find(String method, String path) {
        List<String> segments = segments(path);
        return routes.stream()
                .filter(r -> r.method().equals(method) || r.method().equals("ANY"))
                .map(r -> match(r, segments))
                .flatMap(Optional::stream)
                .min(Comparator.comparing((Match m) -> specificity(m.route()))
                        .thenComparing(m -> m.route().method().equals("ANY")));
    }

    /** The most specific resource whose path matches, whatever its methods. */
    Optional<String> resourceFor(String path) {
        List<String> segments = segments(path);
        return routes.stream()
                .filter(r -> match(r, segments).isPresent())
                .min(Comparator.comparing(RouteTable::specificity))
                .map(ApiRoute::resourcePath);
    }

    /** The methods of one resource, in configuration order. */
    List<ApiRoute> routesOn(String resourcePath) {
        List<ApiRoute> found = new ArrayList<>();
        for (ApiRoute route : routes) {
            if (route.resourcePath().equals(resourcePath)) {
                found.add(route);
            }
        }
        return found;
    }

    /** Every route, in configuration order. */
    List<ApiRoute> routes() {
        return routes;
    }

    private static Optional<Match> match(ApiRoute route, List<String> requestSegments) {
        List<String> resource = segments(route.resourcePath());
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < resource.size(); i++) {
            String part = resource.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= requestSegments.size()) {
                    return Optional.empty(); // a greedy parameter needs at least one segment
                }
                String rest = String.join("/", requestSegments.subList(i, requestSegments.size()));
                parameters.put(part.substring(1, part.length() - 2), PathDecoder.decode(rest));
                return Optional.of(new Match(route, parameters));
            }
            if (i >= requestSegments.size()) {
                return Optional.empty();
            }
            String segment = requestSegments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), PathDecoder.decode(segment));
            } else if (!part.equals(PathDecoder.decode(segment))) {
                return Optional.empty();
            }
        }
        return resource.size() == requestSegments.size() ? Optional.of(new Match(route, parameters)) : Optional.empty();
    }

    /** Lower is more specific: literal segments count most, then parameters, greedy last. */
    private static String specificity(ApiRoute route) {
        StringBuilder key = new StringBuilder();
        for (String part : segments(route.resourcePath())) {
            key.append(part.endsWith("+}") ? '2' : part.startsWith("{") ? '1' : '0');
        }
        return key.toString();
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(part);
            }
        }
        return segments;
    }
}
