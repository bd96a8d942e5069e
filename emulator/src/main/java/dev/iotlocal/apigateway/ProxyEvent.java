package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration event, key for key as API Gateway sends it (the keys and order of AWS's documented
 * sample); absent maps are null, not empty.
 */
final class ProxyEvent {

    private static final Logger log = LoggerFactory.getLogger("apigateway");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<String> IDENTITY_KEYS = List.of("accessKey", "accountId", "caller",
            "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
            "principalOrgId");

    private ProxyEvent() {
    }

    /**
     * @param path the path after the stage, as the client sent it
     */
    static byte[] of(ApiRequest request, String path, RouteTable.Match match, ApiGatewaySettings settings,
                     BinaryMediaTypes binary, RequestIds ids, Instant now, ObjectMapper json) {
        String resource = match.route().resourcePath();
        Map<String, List<String>> headers = forwardedHeaders(request, ids);
        ObjectNode event = json.createObjectNode();
        event.put("resource", resource);
        event.put("path", path);
        event.put("httpMethod", request.method());
        putSingle(event, "headers", headers);
        putMulti(event, "multiValueHeaders", headers);
        putSingle(event, "queryStringParameters", request.queryParameters());
        putMulti(event, "multiValueQueryStringParameters", request.queryParameters());

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", settings.accountId());
        context.put("apiId", settings.apiId());
        ObjectNode authorizer = context.putObject("authorizer"); // no authorizer: its keys, without values
        authorizer.putNull("claims");
        authorizer.putNull("scopes");
        String host = request.header("Host").orElse(null);
        context.put("domainName", host);
        context.put("domainPrefix", host == null ? null : host.split("[.:]", 2)[0]);
        context.put("extendedRequestId", ids.extendedRequestId());
        context.put("httpMethod", request.method());
        ObjectNode identity = context.putObject("identity");
        IDENTITY_KEYS.forEach(identity::putNull);
        identity.put("sourceIp", request.sourceIp());
        identity.putNull("user");
        identity.put("userAgent", request.header("User-Agent").orElse(null));
        identity.putNull("userArn");
        identity.putNull("clientCert"); // a certificate only reaches the event with mutual TLS
        context.put("path", request.path());
        context.put("protocol", request.protocol());
        context.put("requestId", ids.requestId());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("resourceId", resourceId(settings, resource));
        context.put("resourcePath", resource);
        context.put("stage", settings.stage());

        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        event.putNull("stageVariables");
        putBody(event, request, binary);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The headers as the client sent them, plus those API Gateway adds on the way. */
    private static Map<String, List<String>> forwardedHeaders(ApiRequest request, RequestIds ids) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        String forwardedFor = request.header("X-Forwarded-For").map(f -> f + ", " + request.sourceIp())
                .orElse(request.sourceIp());
        replace(headers, "X-Amzn-Trace-Id", ids.traceId());
        replace(headers, "X-Forwarded-For", forwardedFor);
        replace(headers, "X-Forwarded-Port", Integer.toString(request.port()));
        replace(headers, "X-Forwarded-Proto", "http");
        return headers;
    }

    private static void replace(Map<String, List<String>> headers, String name, String value) {
        String existing = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        headers.put(existing, new ArrayList<>(List.of(value)));
    }

    /**
     * A binary media type is base64-encoded. Anything else travels as UTF-8 text, as on AWS: bytes that are not
     * UTF-8 arrive damaged, and the log says how to fix it.
     */
    private static void putBody(ObjectNode event, ApiRequest request, BinaryMediaTypes binary) {
        byte[] body = request.body();
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
            return;
        }
        // API Gateway takes a request without Content-Type for application/json.
        String contentType = request.header("Content-Type").orElse("application/json");
        if (binary.matches(contentType)) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
            return;
        }
        try {
            event.put("body", StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            log.warn("{} {}: the body is not UTF-8 text and its Content-Type '{}' is not a binary media type, so the"
                            + " function gets it damaged, as on AWS. Add the type to provider.apiGateway.binaryMediaTypes"
                            + " to receive it base64-encoded.", request.method(), request.path(), contentType);
            event.put("body", new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", false);
    }

    private static void putSingle(ObjectNode event, String key, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(key);
            return;
        }
        ObjectNode node = event.putObject(key);
        // API Gateway keeps the last value of a repeated name.
        values.forEach((name, list) -> node.put(name, list.isEmpty() ? "" : list.get(list.size() - 1)));
    }

    private static void putMulti(ObjectNode event, String key, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(key);
            return;
        }
        ObjectNode node = event.putObject(key);
        values.forEach((name, list) -> {
            var array = node.putArray(name);
            list.forEach(array::add);
        });
    }

    /** Stable for the API and resource, shaped as API Gateway's (six lower-case letters and digits). */
    private static String resourceId(ApiGatewaySettings settings, String resource) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        long hash = (settings.apiId() + resource).hashCode() & 0xffffffffL;
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt((int) (hash % alphabet.length())));
            hash /= alphabet.length();
        }
        return id.toString();
    }
}
