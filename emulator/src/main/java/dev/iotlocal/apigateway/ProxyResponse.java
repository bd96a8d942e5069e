package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a function's answer to a proxy event, {@code {statusCode, headers, multiValueHeaders, body,
 * isBase64Encoded}}, as API Gateway does: anything else is malformed (a 502 for the client), and the reason
 * names what to change.
 */
final class ProxyResponse {

    private static final Set<String> KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");
    /** Headers API Gateway does not pass as the function wrote them: they become {@code x-amzn-Remapped-<name>}. */
    private static final Set<String> REMAPPED = Set.of("authorization", "connection", "content-length", "date", "server",
            "trailer", "transfer-encoding", "upgrade", "www-authenticate");
    private static final String TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~";

    /** What the function's answer turned into. */
    sealed interface Outcome {
    }

    /** A response for the client; headers keep the function's spelling, one entry per name whatever its case. */
    record Valid(int status, Map<String, List<String>> headers, byte[] body) implements Outcome {
    }

    /** Not a proxy response: API Gateway answers 502. */
    record Malformed(String reason) implements Outcome {
    }

    /** {@code isBase64Encoded} on a binary response whose body is not base64: API Gateway answers 500. */
    record UndecodableBody(String reason) implements Outcome {
    }

    private ProxyResponse() {
    }

    /**
     * @param accept the request's Accept header: a base64 body is decoded only when its first media type is binary
     */
    static Outcome read(byte[] payload, String accept, BinaryMediaTypes binary, ObjectMapper json) {
        JsonNode answer;
        try {
            answer = json.readTree(payload);
        } catch (IOException e) {
            return new Malformed("the function's result is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            return new Malformed("the function returned " + (answer == null ? "nothing" : answer.getNodeType()
                    .toString().toLowerCase(Locale.ROOT)) + ", not an object");
        }
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                return new Malformed("it has the key '" + name + "', which a proxy response may not have");
            }
        }
        Integer status = status(answer.get("statusCode"));
        if (status == null) {
            return new Malformed("statusCode is " + describe(answer.get("statusCode")) + "; it must be a whole number"
                    + " from 200 to 599 (a 1xx is an interim answer: no request can end with it)");
        }
        JsonNode body = answer.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            return new Malformed("body is " + describe(body) + "; it must be a string (serialise JSON yourself)");
        }
        JsonNode base64 = answer.get("isBase64Encoded");
        if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
            return new Malformed("isBase64Encoded is " + describe(base64) + "; it must be true or false");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String problem = readHeaders(answer.get("headers"), answer.get("multiValueHeaders"), headers);
        if (problem != null) {
            return new Malformed(problem);
        }
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", List.of("application/json"));
        }
        String text = body == null || body.isNull() ? "" : body.asText();
        if (base64 != null && base64.asBoolean() && binary.matches(BinaryMediaTypes.firstAccepted(accept))) {
            try {
                // Line breaks (a MIME encoder's) are tolerated; anything else not base64 is an error.
                return new Valid(status, headers, Base64.getDecoder().decode(text.replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                return new UndecodableBody("isBase64Encoded is true but the body is not base64: " + e.getMessage());
            }
        }
        return new Valid(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Integer status(JsonNode node) {
        long value;
        if (node == null) {
            return null;
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().matches("\\d{1,9}")) {
            value = Long.parseLong(node.asText());
        } else {
            return null;
        }
        return value >= 200 && value <= 599 ? (int) value : null;
    }

    /** Merges headers and multiValueHeaders; a value given in both appears once. Null when valid, else why not. */
    private static String readHeaders(JsonNode single, JsonNode multi, Map<String, List<String>> into) {
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                return "headers is " + describe(single) + "; it must be an object of names to strings";
            }
            for (var fields = single.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    return "headers." + field.getKey() + " is " + describe(field.getValue()) + "; it must be a string"
                            + " (use multiValueHeaders for several values)";
                }
                String problem = add(into, field.getKey(), field.getValue().asText());
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                return "multiValueHeaders is " + describe(multi) + "; it must be an object of names to lists of strings";
            }
            for (var fields = multi.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (!field.getValue().isArray()) {
                    return "multiValueHeaders." + field.getKey() + " is " + describe(field.getValue())
                            + "; it must be a list of strings";
                }
                for (JsonNode value : field.getValue()) {
                    if (!value.isValueNode() || value.isNull()) {
                        return "multiValueHeaders." + field.getKey() + " holds " + describe(value)
                                + "; each value must be a string";
                    }
                    String problem = add(into, field.getKey(), value.asText());
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        }
        return null;
    }

    private static String add(Map<String, List<String>> headers, String name, String value) {
        if (!isToken(name)) {
            return "the header name '" + name + "' is not valid in HTTP (letters, digits and !#$%&'*+-.^_`|~ only)";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "the value of header " + name + " contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + ", which HTTP does not allow";
            }
        }
        String wireName = REMAPPED.contains(name.toLowerCase(Locale.ROOT)) ? "x-amzn-Remapped-" + name : name;
        String key = headers.keySet().stream().filter(wireName::equalsIgnoreCase).findFirst().orElse(wireName);
        List<String> values = headers.computeIfAbsent(key, k -> new ArrayList<>());
        if (!values.contains(value)) {
            values.add(value);
        }
        return null;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_CHARACTERS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
