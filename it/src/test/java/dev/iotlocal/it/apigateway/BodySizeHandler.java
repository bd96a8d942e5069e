package dev.iotlocal.it.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/** Answers with the length of the body it received, for large uploads. */
public class BodySizeHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        int length = event.getBody() == null ? 0 : event.getBody().length();
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(Integer.toString(length));
    }
}
