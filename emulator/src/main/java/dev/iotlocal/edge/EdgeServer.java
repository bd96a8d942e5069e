package dev.iotlocal.edge;

import dev.iotlocal.apigateway.ApiRequest;
import dev.iotlocal.apigateway.ApiResponse;
import dev.iotlocal.apigateway.RestApi;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.lambda.LambdaRuntime;
import dev.iotlocal.sigv4.SigV4Verifier;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one HTTP port clients see, as AWS's hosts would answer: the API Gateway stage under {@code /<stage>},
 * MQTT over WebSocket at {@code /mqtt}, AWS IoT's HTTP APIs and Lambda's Invoke API. Anything else gets API
 * Gateway's 403.
 */
public final class EdgeServer implements AutoCloseable {

    /** An MQTT frame may carry AWS IoT's largest payload (128 KB) and more; leave room. */
    private static final long MAX_WEBSOCKET_MESSAGE_BYTES = 1024 * 1024;
    /** How much of an oversized API request is read and thrown away so that its client gets the 413. */
    private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;
    /** API Gateway allows 10240 bytes of header values; Jetty's default (8 KB for everything) is less. */
    private static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
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
            config.jetty.modifyHttpConfiguration(http -> {
                http.setUriCompliance(UriCompliance.LEGACY);
                http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            });
            // API Gateway's limits and manners, not Javalin's: 10 MB bodies, no compression it was not asked for.
            config.http.maxRequestSize = RestApi.MAX_PAYLOAD_BYTES;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.modifyServletContextHandler(handler -> {
                handler.getServletHandler().setDecodeAmbiguousURIs(true);
                // Javalin opens an HTTP session on every WebSocket upgrade to copy its attributes; nothing here uses
                // sessions, and Jetty's default cache keeps each for 30 minutes: tens of MB under load.
                SessionHandler sessions = handler.getSessionHandler();
                NullSessionCache kept = new NullSessionCache(sessions);
                kept.setSessionDataStore(new NullSessionDataStore());
                sessions.setSessionCache(kept);
            });
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

    /** Hands a request for the stage to the API and writes its answer; a failure here is still a 502 in AWS's shape. */
    private static void forward(RestApi api, Context ctx) {
        HttpServletRequest req = ctx.req();
        ApiRequest request = new ApiRequest(req.getMethod(), req.getRequestURI(), SignedRequests.headers(req),
                new LinkedHashMap<>(ctx.queryParamMap()), new byte[0], ctx.ip(), ctx.protocol(), req.getLocalPort());
        ApiResponse response;
        try {
            byte[] body = readBody(req);
            response = body == null ? api.payloadTooLarge(request) : api.handle(new ApiRequest(request.method(),
                    request.path(), request.headers(), request.queryParameters(), body, request.sourceIp(),
                    request.protocol(), request.port()));
        } catch (IOException e) {
            return; // the client went away while sending
        } catch (RuntimeException e) {
            response = api.internalError(request, e);
        }
        try {
            write(ctx, response);
        } catch (RuntimeException e) {
            if (ctx.res().isCommitted()) {
                throw e;
            }
            ctx.res().reset();
            write(ctx, api.internalError(request, e));
        }
    }

    /**
     * The body, or null when it is over API Gateway's payload limit. Javalin is not asked to read it: its own
     * limit would answer for API Gateway. An oversized body is drained (up to a bound) so that the client reads the
     * 413 instead of a reset connection.
     */
    private static byte[] readBody(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > RestApi.MAX_PAYLOAD_BYTES) {
            if (req.getHeader("Expect") == null) { // with 100-continue the client waits: answer at once
                drain(req.getInputStream());
            }
            return null;
        }
        InputStream in = req.getInputStream();
        byte[] body = in.readNBytes(RestApi.MAX_PAYLOAD_BYTES + 1);
        if (body.length > RestApi.MAX_PAYLOAD_BYTES) {
            drain(in);
            return null;
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        for (int n; drained < MAX_DRAINED_BYTES && (n = in.read(buffer)) >= 0; ) {
            drained += n;
        }
    }

    private static void write(Context ctx, ApiResponse response) {
        HttpServletResponse res = ctx.res();
        res.setStatus(response.status());
        response.headers().forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    res.setHeader(name, values.get(i)); // replaces Javalin's default Content-Type
                } else {
                    res.addHeader(name, values.get(i));
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
