package dev.iotlocal.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * AWS IoT's device gateway in front of Moquette: every client, over TCP or (bridged in-process) WebSocket, talks to
 * a {@link ClientSession}, which relays to Moquette on its loopback port. All sockets set TCP_NODELAY, and a client's
 * two channels share one event loop, so nothing blocks per message.
 */
final class DeviceGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("iot.broker");

    private final EventLoopGroup group;
    private final Channel tcpServer;
    private final Channel localServer;
    private final ChannelGroup clients;
    private final Map<SocketAddress, ClientOrigin> bridged = new ConcurrentHashMap<>();
    private final int moquettePort;
    private final SessionRegistry registry;
    private final MessageRouter router;
    private final LifecycleEvents events;
    private final KeepAlive keepAlive;
    private final Duration sessionExpiry;
    private final Clock clock;
    private final ScheduledFuture<?> sweep;
    private volatile boolean closing;

    private DeviceGateway(Builder b) {
        this.group = b.group;
        this.clients = b.clients;
        this.moquettePort = b.moquettePort;
        this.registry = new SessionRegistry(b.sessionExpiry);
        this.router = b.router;
        this.events = new LifecycleEvents(b.router, b.clock);
        this.keepAlive = b.keepAlive;
        this.sessionExpiry = b.sessionExpiry;
        this.clock = b.clock;
        this.tcpServer = bind(new ServerBootstrap().channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true), new InetSocketAddress(b.host, b.port), b);
        this.localServer = bind(new ServerBootstrap().channel(LocalServerChannel.class),
                new LocalAddress("iotlocal-gateway-" + UUID.randomUUID()), b);
        this.sweep = group.next().scheduleAtFixedRate(this::expireSessions, 1, 1, TimeUnit.MINUTES);
    }

    /** What the gateway is started with. */
    static final class Builder {
        String host;
        int port;
        int moquettePort;
        Duration sessionExpiry;
        KeepAlive keepAlive;
        MessageRouter router;
        Clock clock;
        private EventLoopGroup group;
        private ChannelGroup clients;

        /**
         * Binds the public port and starts.
         *
         * @throws IllegalStateException when the port cannot be bound, saying what to do
         */
        DeviceGateway start() {
            group = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    new DefaultThreadFactory("mqtt-gateway", true));
            clients = new DefaultChannelGroup("mqtt-clients", GlobalEventExecutor.INSTANCE);
            try {
                return new DeviceGateway(this);
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
                throw e;
            }
        }
    }

    private Channel bind(ServerBootstrap bootstrap, SocketAddress address, Builder b) {
        ChannelFuture bound = bootstrap.group(group).childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ClientOrigin origin = ch instanceof LocalChannel ? bridged.remove(ch.remoteAddress())
                        : new ClientOrigin(((InetSocketAddress) ch.remoteAddress()).getAddress().getHostAddress(), "");
                if (origin == null) {
                    ch.close();
                    return;
                }
                clients.add(ch);
                ch.pipeline().addLast(new FrameCheck(EmbeddedMoquette.MAX_MESSAGE_BYTES),
                        new MqttDecoder(EmbeddedMoquette.MAX_MESSAGE_BYTES, 65_535), MqttEncoder.INSTANCE,
                        new ClientSession(DeviceGateway.this, origin));
            }
        }).bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("The MQTT broker could not bind " + b.host + ":" + b.port + " ("
                    + bound.cause().getMessage() + "). Make sure no other process (another broker, e.g. mosquitto) uses"
                    + " that port, or choose another MQTT port (0 picks a free one).", bound.cause());
        }
        return bound.channel();
    }

    int port() {
        return ((InetSocketAddress) tcpServer.localAddress()).getPort();
    }

    EventLoopGroup eventLoops() {
        return group;
    }

    /**
     * Bridges a client of another transport (WebSocket) into the gateway, in-process. Returns at once: the caller is
     * the HTTP server's thread, which must not wait on the gateway's busy event loops (under load that delayed the
     * upgrade past Paho's one-second handshake read). Bytes sent before the bridge is up wait for it, in order.
     */
    ClientConnection bridge(ClientOrigin origin, ClientTransport transport) {
        LocalAddress address = new LocalAddress("iotlocal-bridge-" + UUID.randomUUID());
        bridged.put(address, origin);
        ChannelFuture connecting = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ToTransport(transport))
                .connect(localServer.localAddress(), address);
        Channel channel = connecting.channel();
        // Every write and the flush of the early ones run on the channel's event loop, so they cannot overtake.
        ArrayDeque<ByteBuffer> early = new ArrayDeque<>();
        AtomicBoolean closedByClient = new AtomicBoolean();
        connecting.addListener((ChannelFutureListener) connected -> {
            if (connected.isSuccess()) {
                early.forEach(bytes -> channel.write(Unpooled.wrappedBuffer(bytes)));
                channel.flush();
            } else {
                bridged.remove(address);
                if (!closedByClient.get()) {
                    log.warn("A WebSocket client from {} could not be bridged to the MQTT broker ({}): closing it",
                            origin.ipAddress(), closing ? "the broker is stopping" : connected.cause());
                    transport.closed();
                }
            }
            early.clear();
        });
        return new ClientConnection() {
            @Override
            public void send(ByteBuffer bytes) {
                try {
                    channel.eventLoop().execute(() -> {
                        if (connecting.isSuccess()) {
                            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                        } else if (!connecting.isDone()) {
                            early.add(bytes);
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    // the broker is stopping: the WebSocket is about to be closed
                }
            }

            @Override
            public void close() {
                closedByClient.set(true);
                channel.close();
            }
        };
    }

    /** Opens a connection to Moquette on the client's event loop. */
    ChannelFuture connectToMoquette(EventLoop loop, ChannelHandler handler) {
        return new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new MqttDecoder(EmbeddedMoquette.MAX_MESSAGE_BYTES, 65_535),
                                MqttEncoder.INSTANCE, handler);
                    }
                })
                .connect(EmbeddedMoquette.HOST, moquettePort);
    }

    /** Makes Moquette forget a client id's persistent session: a clean CONNECT, then DISCONNECT. */
    CompletableFuture<Void> purge(String clientId, EventLoop loop) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connectToMoquette(loop, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(MqttMessageBuilders.connect().clientId(clientId).cleanSession(true).keepAlive(0)
                        .protocolVersion(MqttVersion.MQTT_3_1_1).build());
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean connAck = msg instanceof MqttConnAckMessage;
                ReferenceCountUtil.release(msg);
                if (connAck) {
                    // Moquette closes the connection once it has dropped the clean session, on the client id's session
                    // loop: waiting for that close keeps the client's own CONNECT from overtaking the DISCONNECT there
                    // (it would take the purge's session over and be told "session present").
                    ctx.writeAndFlush(MqttMessage.DISCONNECT);
                    ctx.executor().schedule(() -> ctx.close(), 5, TimeUnit.SECONDS);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                done.complete(null);
            }
        }).addListener((ChannelFuture opened) -> {
            if (!opened.isSuccess()) {
                log.warn("Could not discard the expired session of client '{}': {}", clientId,
                        opened.cause().getMessage());
                done.complete(null);
            }
        });
        return done;
    }

    /** Discards the persistent sessions that expired while their clients stayed away (memory only: see admit). */
    void expireSessions() {
        for (SessionRegistry.Purge purge : registry.expire(now())) {
            EventLoop loop = group.next();
            log.debug("The persistent session of client '{}' expired after {}.", purge.clientId(), sessionExpiry);
            purge.predecessor().whenComplete((v, e) -> purge(purge.clientId(), loop)
                    .whenComplete((done, failure) -> purge.done().complete(null)));
        }
    }

    SessionRegistry registry() {
        return registry;
    }

    MessageRouter router() {
        return router;
    }

    LifecycleEvents events() {
        return events;
    }

    KeepAlive keepAlive() {
        return keepAlive;
    }

    Duration sessionExpiry() {
        return sessionExpiry;
    }

    Instant now() {
        return clock.instant();
    }

    boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        sweep.cancel(false);
        tcpServer.close().awaitUninterruptibly();
        localServer.close().awaitUninterruptibly();
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The bridge's end: bytes from the gateway to the other transport. */
    private static final class ToTransport extends ChannelInboundHandlerAdapter {
        private final ClientTransport transport;

        ToTransport(ClientTransport transport) {
            this.transport = transport;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
                buf.readBytes(copy);
                transport.deliver(copy.flip());
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            transport.closed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
