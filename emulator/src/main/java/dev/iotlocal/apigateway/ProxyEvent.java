package dev.iotlocal.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Lambda proxy integration event, key for key as API Gateway sends it; absent maps are null, not empty. */
final class ProxyEvent {

    private ProxyEvent() {
    }

    static byte[] of(ApiRequest request, String resourcePath, RouteTable.Match match, ApiGatewaySettings settings,
                     String requestId, Instant now, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("resource", match.route().resourcePath());
        event.put("path", resourcePath);
        event.put("httpMethod", request.method());
        putSingle(event, "headers", request.headers());
        putMulti(event, "multiValueHeaders", request.headers());
        putSingle(event, "queryStringParameters", request.queryParameters());
        putMulti(event, "multiValueQueryStringParameters", request.queryParameters());
        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        event.putNull("stageVariables");

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", settings.accountId());
        context.put("apiId", settings.apiId());
        String host = first(request.headers(), "Host");
        context.put("domainName", host);
        context.put("domainPrefix", host == null ? null : host.split("[.:]")[0]);
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("httpMethod", request.method());
        ObjectNode identity = context.putObject("identity");
        for (String key : List.of("accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId")) {
            identity.putNull(key);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.putNull("user");
        identity.put("userAgent", first(request.headers(), "User-Agent"));
        identity.putNull("userArn");
        context.put("path", request.path());
        context.put("protocol", request.protocol());
        context.put("requestId", requestId);
        context.put("requestTime", RestApi.requestTime(now));
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("resourceId", Integer.toHexString(match.route().resourcePath().hashCode() & 0xffffff));
        context.put("resourcePath", match.route().resourcePath());
        context.put("stage", settings.stage());

        if (request.body() == null || request.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else {
            String text = utf8(request.body());
            // Text that is not valid UTF-8 cannot travel in JSON as it is: API Gateway base64-encodes binary bodies.
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", text == null);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putSingle(ObjectNode event, String key, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(key);
            return;
        }
        ObjectNode node = event.putObject(key);
        values.forEach((name, list) -> node.put(name, list.isEmpty() ? "" : list.get(list.size() - 1)));
    }

    private static void putMulti(ObjectNode event, String key, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(key);
            return;
        }
        ObjectNode node = event.putObject(key);
        values.forEach((name, list) -> list.forEach(node.withArray(name)::add));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
