package dev.iotlocal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads an {@code http} event: {@code {path, method, cors}} or the short form {@code GET /path}. */
final class HttpEventReader {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    private HttpEventReader() {
    }

    static HttpEventDefinition read(YamlValue raw, BuildContext context) {
        YamlValue value = context.resolver().resolve(raw);
        if (value instanceof YamlValue.Scalar scalar && !scalar.isNull() && scalar.tag().isEmpty()) {
            return shortForm(scalar);
        }
        if (value instanceof YamlValue.Scalar scalar && scalar.isNull()) {
            throw new ConfigException(value.location(),
                    "this http event is empty. Give it path and method, e.g. 'http: GET /hello'.");
        }
        YamlValue.Mapping event = Values.mapping(value, "an http event");
        context.warnings().unknownKeys(event, Keys.HTTP, "this http event");
        YamlValue path = Values.child(event, "path").orElseThrow(() -> new ConfigException(event.location(),
                "this http event has no path. Add 'path: /something' (or use the short form 'http: GET /something')."));
        YamlValue method = Values.child(event, "method").orElseThrow(() -> new ConfigException(event.location(),
                "this http event has no method. Add 'method: get' (one of " + String.join(", ", sorted()) + ")."));
        Optional<CorsDefinition> cors = Values.child(event, "cors").flatMap(HttpEventReader::cors);
        return new HttpEventDefinition(method(Values.text(method, "method"), method.location()),
                path(Values.text(path, "path"), path.location()), cors, event.location());
    }

    private static HttpEventDefinition shortForm(YamlValue.Scalar scalar) {
        String[] parts = scalar.asText().strip().split("\\s+");
        if (parts.length != 2) {
            throw new ConfigException(scalar.location(), "the short http event form is 'METHOD path', e.g. "
                    + "'http: GET /hello', but it is '" + scalar.asText() + "'. Write the method, a space and the path.");
        }
        return new HttpEventDefinition(method(parts[0], scalar.location()), path(parts[1], scalar.location()),
                Optional.empty(), scalar.location());
    }

    private static String method(String text, SourceLocation at) {
        String method = text.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ConfigException(at, "the http method '" + text + "' is not one API Gateway accepts. Use one of "
                    + String.join(", ", sorted()) + " (any case).");
        }
        return method;
    }

    /** Leading '/', no trailing '/' except for the root. */
    private static String path(String text, SourceLocation at) {
        String path = text.strip();
        if (path.chars().anyMatch(Character::isWhitespace) || path.contains("?") || path.contains("#")) {
            throw new ConfigException(at, "the http path '" + text + "' contains a space, '?' or '#'. Write only the "
                    + "path, like /users/{id}; query strings reach the function without being declared.");
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static Optional<CorsDefinition> cors(YamlValue value) {
        if (!(value instanceof YamlValue.Mapping)) {
            return Values.bool(value, "cors (true, false or a map)") ? Optional.of(CorsDefinition.defaults()) : Optional.empty();
        }
        YamlValue.Mapping cors = Values.mapping(value, "cors");
        List<String> origins = Values.child(cors, "origins").map(v -> texts(v, "cors.origins"))
                .or(() -> Values.child(cors, "origin").map(v -> List.of(Values.nonBlankText(v, "cors.origin"))))
                .orElse(List.of("*"));
        List<String> headers = Values.child(cors, "headers").map(v -> texts(v, "cors.headers"))
                .orElse(CorsDefinition.DEFAULT_HEADERS);
        boolean credentials = Values.child(cors, "allowCredentials")
                .map(v -> Values.bool(v, "cors.allowCredentials")).orElse(false);
        Optional<Integer> maxAge = Values.child(cors, "maxAge").map(v -> Values.wholeNumber(v, "cors.maxAge", 0,
                Integer.MAX_VALUE, "Give the number of seconds browsers may cache the preflight answer."));
        Optional<String> cacheControl = Values.child(cors, "cacheControl").map(v -> Values.text(v, "cors.cacheControl"));
        if (origins.isEmpty()) {
            throw new ConfigException(value.location(), "cors.origins is an empty list. List at least one origin, or '*'.");
        }
        return Optional.of(new CorsDefinition(origins, headers, credentials, maxAge, cacheControl));
    }

    private static List<String> texts(YamlValue value, String what) {
        List<String> texts = new ArrayList<>();
        for (YamlValue item : Values.sequence(value, what).items()) {
            texts.add(Values.nonBlankText(item, "each entry of " + what));
        }
        return texts;
    }

    private static List<String> sorted() {
        return List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    }
}
