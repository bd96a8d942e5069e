package foobar;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * GET /dev (API Gateway, Lambda proxy): hands the browser a presigned WebSocket URL and a fresh channel id.
 * The browser then talks MQTT on foobar/{channelId}/... with that URL.
 */
public final class SessionHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final Map<String, String> env;
    private final IotPresigner presigner;
    private final AwsCredentialsProvider credentials;
    private final ObjectMapper json = new ObjectMapper();

    /** Used by Lambda: one instance per execution environment. */
    public SessionHandler() {
        this(System.getenv(), Clock.systemUTC(), DefaultCredentialsProvider.builder().build());
    }

    SessionHandler(Map<String, String> env, Clock clock, AwsCredentialsProvider credentials) {
        this.env = env;
        this.presigner = new IotPresigner(clock);
        this.credentials = credentials;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        IotEndpoint endpoint = IotEndpoint.fromEnvironment(env);
        String channelId = UUID.randomUUID().toString();
        // Signed for the Host header a browser sends, which omits the scheme's default port.
        String url = presigner.presign(endpoint, endpoint.browserHostHeader(), credentials.resolveCredentials());
        context.getLogger().log("session: channel " + channelId + " on " + endpoint.scheme() + "://" + endpoint.authority());

        Map<String, String> body = new LinkedHashMap<>();
        body.put("endpointUrl", url);
        body.put("channelId", channelId);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Access-Control-Allow-Origin", "*", "Content-Type", "application/json"))
                .withBody(toJson(body));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the session response as JSON", e);
        }
    }
}
