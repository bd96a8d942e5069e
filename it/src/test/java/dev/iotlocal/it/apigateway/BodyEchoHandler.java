package dev.iotlocal.it.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.Map;

/** Answers with the request's body, Content-Type and isBase64Encoded, as an image resizer or file server would. */
public class BodyEchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String contentType = event.getHeaders() == null ? null : event.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(contentType == null ? Map.of() : Map.of("Content-Type", contentType))
                .withBody(event.getBody())
                .withIsBase64Encoded(event.getIsBase64Encoded());
    }
}
