package dev.iotlocal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Answers an API Gateway proxy event with the path parameter it got; records IoT events by returning them. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object parameters = event.get("pathParameters");
        if (parameters instanceof Map<?, ?> map) {
            return Map.of("statusCode", 200, "body", "item " + map.get("id"));
        }
        return event;
    }
}
