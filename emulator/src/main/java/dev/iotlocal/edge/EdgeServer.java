package dev.iotlocal.edge;

import dev.iotlocal.apigateway.ApiRequest;
import dev.iotlocal.apigateway.ApiResponse;
import dev.iotlocal.apigateway.RestApi;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.lambda.LambdaRuntime;
import dev.iotlocal.sigv4.SigV4Verifier;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.http.UriCompliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one HTTP port clients see, as AWS's hosts would answer: the API Gateway stage under {@code /<stage>},
 * MQTT over WebSocket at {@code /mqtt}, AWS IoT's HTTP APIs and Lambda's Invoke API. Anything else gets API
 * Gateway's 403.
 */
public final class EdgeServer implements AutoCloseable {

    /** An MQTT frame may carry AWS IoT's largest payload (128 KB) and more; leave room. */
    private static final long MAX_WEBSOCKET_MESSAGE_BYTES = 1024 * 1024;
    private static final List<HandlerType> API_METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Javalin app;

    private EdgeServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when the port cannot be bound, saying what to do
     */
    public static EdgeServer start(EdgeSettings settings, RestApi api, MqttBroker broker, SigV4Verifier verifier,
                                   LambdaRuntime lambda, Consumer<JavalinConfig> moreRoutes) {
        String stage = api.settings().stage();
        MqttWebSocket mqtt = new MqttWebSocket(verifier, broker);
        DataPlane dataPlane = new DataPlane(verifier, broker);
        LambdaApi lambdaApi = new LambdaApi(verifier, lambda);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            // The AWS SDK sends topics with '/' encoded as %2F; Jetty's default refuses such paths.
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.LEGACY));
            config.jetty.modifyServletContextHandler(handler -> handler.getServletHandler().setDecodeAmbiguousURIs(true));
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxBinaryMessageSize(MAX_WEBSOCKET_MESSAGE_BYTES);
                ws.setIdleTimeout(java.time.Duration.ZERO);
            });
            config.routes.wsBeforeUpgrade(MqttWebSocket.PATH, mqtt::checkUpgrade);
            config.routes.ws(MqttWebSocket.PATH, mqtt::configure);
            config.routes.post("/topics/*", dataPlane::publish);
            config.routes.get("/endpoint", dataPlane::describeEndpoint);
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/topics/*", dataPlane::methodNotAllowed);
            }
            for (HandlerType method : List.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/endpoint", dataPlane::methodNotAllowed);
            }
            config.routes.post(LambdaApi.PATH, lambdaApi::invoke);
            for (HandlerType method : API_METHODS) {
                config.routes.addHttpHandler(method, "/" + stage, ctx -> forward(api, ctx));
                config.routes.addHttpHandler(method, "/" + stage + "/*", ctx -> forward(api, ctx));
            }
            moreRoutes.accept(config); // the dashboard
            config.routes.error(404, ctx -> { // API Gateway answers unknown paths itself; Lambda's 404s are its own
                if (!LambdaApi.answered(ctx)) {
                    forward(api, ctx);
                }
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The edge server could not bind " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage() + ". Make sure no other process (LocalStack, say) uses that port, or choose"
                    + " another edge port (0 picks a free one).", e);
        }
        return new EdgeServer(app);
    }

    private static void forward(RestApi api, Context ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        ApiResponse response = api.handle(new ApiRequest(ctx.method().name(), ctx.req().getRequestURI(),
                SignedRequests.headers(ctx.req()), query, ctx.bodyAsBytes(), ctx.ip(), ctx.protocol()));
        ctx.status(response.status());
        response.headers().forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    ctx.res().setHeader(name, values.get(i)); // replaces Javalin's default Content-Type
                } else {
                    ctx.res().addHeader(name, values.get(i));
                }
            }
        });
        ctx.result(response.body());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
