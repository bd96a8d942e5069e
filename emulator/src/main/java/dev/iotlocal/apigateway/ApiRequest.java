package dev.iotlocal.apigateway;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the API's stage.
 *
 * @param path    the full path, with the stage, e.g. {@code /dev/users/7}, not decoded
 * @param headers names as received; look-ups ignore case
 */
public record ApiRequest(String method, String path, Map<String, List<String>> headers,
                         Map<String, List<String>> queryParameters, byte[] body, String sourceIp, String protocol) {
}
