package dev.iotlocal.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Relays clients of other transports to the broker's TCP listener on loopback, byte for byte.
 *
 * <p>Moquette's own WebSocket transport cannot see the upgrade request, so it cannot check a presigned URL; the
 * edge server checks it, upgrades, and relays the MQTT bytes here.
 */
final class BrokerRelay implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    BrokerRelay(String host, int port) {
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("mqtt-relay", true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true) // MQTT round trips, not bulk transfer
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .remoteAddress(host, port);
    }

    ClientConnection connect(ClientTransport client) {
        Channel channel = bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ToClient(client));
                    }
                })
                .connect().syncUninterruptibly().channel();
        return new ClientConnection() {
            @Override
            public void send(ByteBuffer bytes) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
            }

            @Override
            public void close() {
                channel.close();
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class ToClient extends ChannelInboundHandlerAdapter {
        private final ClientTransport client;

        ToClient(ClientTransport client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
                buf.readBytes(copy);
                client.deliver(copy.flip());
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.closed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
