package foobar;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClientBuilder;

/**
 * The one-shot variant: for {"channelId": "..."} publishes {"message":"hello"} on foobar/{channelId}/response
 * through the IoT data plane HTTP API.
 */
public final class PublishHandler implements RequestHandler<Map<String, Object>, String> {

    static final String HELLO = "{\"message\":\"hello\"}";

    /** Built once per execution environment: Lambda keeps one handler instance per environment. */
    private final IotDataPlaneClient iot;

    public PublishHandler() {
        this(client(System.getenv()));
    }

    PublishHandler(IotDataPlaneClient iot) {
        this.iot = iot;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        ChannelId channelId = ChannelId.fromEvent(event);
        iot.publish(request -> request
                .topic(channelId.responseTopic())
                .qos(1)
                .payload(SdkBytes.fromUtf8String(HELLO)));
        String summary = "published hello on " + channelId.responseTopic();
        context.getLogger().log(summary);
        return summary;
    }

    static IotDataPlaneClient client(Map<String, String> env) {
        IotDataPlaneClientBuilder builder = IotDataPlaneClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Env.required(env, "AWS_REGION",
                        "Lambda sets it; set it yourself when running elsewhere")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        endpointOverride(env).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK itself (2.57.8, checked) honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IOT_DATA_PLANE; an explicit
     * override would beat them, so https://AWS_IOT_HOST is only used when neither is set.
     */
    static Optional<URI> endpointOverride(Map<String, String> env) {
        if (env.containsKey("AWS_ENDPOINT_URL_IOT_DATA_PLANE") || env.containsKey("AWS_ENDPOINT_URL")) {
            return Optional.empty();
        }
        String host = Env.required(env, "AWS_IOT_HOST",
                "set it to your data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS), "
                        + "or set AWS_ENDPOINT_URL");
        return Optional.of(URI.create("https://" + host));
    }
}
