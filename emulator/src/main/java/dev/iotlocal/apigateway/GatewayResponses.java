package dev.iotlocal.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What API Gateway itself answers, byte for byte: the bodies are written as AWS writes them (the 502 and 504
 * bodies have a space after the colon, the default gateway responses do not).
 */
final class GatewayResponses {

    private GatewayResponses() {
    }

    /** MISSING_AUTHENTICATION_TOKEN: no resource or method for the request. */
    static ApiResponse missingAuthenticationToken(RequestIds ids) {
        return of(403, "{\"message\":\"Missing Authentication Token\"}", "MissingAuthenticationTokenException", ids);
    }

    /** REQUEST_TOO_LARGE: a body over the 10 MB payload limit. */
    static ApiResponse requestTooLarge(RequestIds ids) {
        return of(413, "{\"message\":\"Request Too Long\"}", null, ids);
    }

    /** A function error or a malformed proxy response. */
    static ApiResponse badGateway(RequestIds ids) {
        return of(502, "{\"message\": \"Internal server error\"}", "InternalServerErrorException", ids);
    }

    /** API_CONFIGURATION_ERROR: e.g. a binary response whose body is not base64. */
    static ApiResponse configurationError(RequestIds ids) {
        return of(500, "{\"message\": \"Internal server error\"}", "InternalServerErrorException", ids);
    }

    /** INTEGRATION_TIMEOUT: the function did not answer within the integration timeout. */
    static ApiResponse integrationTimeout(RequestIds ids) {
        return of(504, "{\"message\": \"Endpoint request timed out\"}", null, ids);
    }

    private static ApiResponse of(int status, String body, String errorType, RequestIds ids) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (errorType != null) {
            headers.put("x-amzn-ErrorType", List.of(errorType));
        }
        return new ApiResponse(status, withIds(headers, ids), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every answer carries the request's ids, as API Gateway's do. */
    static Map<String, List<String>> withIds(Map<String, List<String>> headers, RequestIds ids) {
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("x-amzn-RequestId")
                || name.equalsIgnoreCase("x-amz-apigw-id") || name.equalsIgnoreCase("X-Amzn-Trace-Id"));
        headers.put("x-amzn-RequestId", List.of(ids.requestId()));
        headers.put("x-amz-apigw-id", List.of(ids.extendedRequestId()));
        headers.put("X-Amzn-Trace-Id", List.of(ids.traceId()));
        return headers;
    }
}
