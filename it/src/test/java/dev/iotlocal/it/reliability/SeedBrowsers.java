package dev.iotlocal.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays many of the seed's browsers at once: each session fetches {@code GET /<stage>/} from the API, connects over
 * the presigned WebSocket URL with MQTT 3.1.1 and talks as {@link SeedSession} says. All sessions share two Netty
 * threads, so a thousand browsers cost the test JVM two threads, not the four per client a Paho client takes.
 */
final class SeedBrowsers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI sessionUrl;
    private final EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("seed-browsers", true));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param sessionUrl the session function's URL, {@code iot.apiUrl("/")} */
    SeedBrowsers(URI sessionUrl) {
        this.sessionUrl = sessionUrl;
    }

    /** Runs one session; the report comes when its connection has closed, whatever happened. */
    CompletableFuture<SessionReport> session(SeedSession.Plan plan) {
        return http.sendAsync(HttpRequest.newBuilder(sessionUrl).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    if (response.statusCode() != 200) {
                        return failed("", "GET " + sessionUrl.getPath() + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                    try {
                        JsonNode session = JSON.readTree(response.body());
                        return connect(URI.create(session.path("endpointUrl").asText()),
                                session.path("channelId").asText(), plan);
                    } catch (Exception e) {
                        return failed("", "the session answer is not JSON: " + response.body());
                    }
                })
                .exceptionally(e -> report("", "the session could not start: " + e));
    }

    /** Connects over {@code presignedUrl} and runs the MQTT part of a session on channel {@code channel}. */
    CompletableFuture<SessionReport> connect(URI presignedUrl, String channel, SeedSession.Plan plan) {
        CompletableFuture<SessionReport> done = new CompletableFuture<>();
        SeedSession session = new SeedSession(channel, plan, done);
        ChannelFuture connecting = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(presignedUrl).version(WebSocketVersion.V13).subprotocol("mqtt")
                                        .maxFramePayloadLength(1024 * 1024).handshakeTimeoutMillis(30_000).build()),
                                new FramesToBytes(), new BytesToFrames(),
                                new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE, session);
                    }
                })
                .connect(presignedUrl.getHost(), presignedUrl.getPort());
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                done.complete(report(channel, "could not connect: " + f.cause()));
            }
        });
        return done;
    }

    private static CompletableFuture<SessionReport> failed(String channel, String problem) {
        return CompletableFuture.completedFuture(report(channel, problem));
    }

    private static SessionReport report(String channel, String problem) {
        return new SessionReport(channel, 0, 0, 0, 0, 0, 0, Duration.ZERO, List.of(problem));
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** MQTT travels in binary WebSocket frames: their content is the byte stream the MQTT decoder reads. */
    private static final class FramesToBytes extends MessageToMessageDecoder<WebSocketFrame> {
        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            }
        }
    }

    private static final class BytesToFrames extends MessageToMessageEncoder<ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(new BinaryWebSocketFrame(bytes.retain()));
        }
    }
}
