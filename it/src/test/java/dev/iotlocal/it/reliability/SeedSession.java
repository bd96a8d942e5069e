package dev.iotlocal.it.reliability;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The seed's browser after it fetched its session, as one MQTT connection's handler: subscribe to the response
 * topic, start the function on {@code foobar/session}, wait for "ready", then send QoS 1 requests one after the other,
 * each answered by a PONG before the next goes, until the plan's length has passed; then leave. Everything runs on
 * the connection's event loop, so the counts need no locks.
 */
final class SeedSession extends SimpleChannelInboundHandler<MqttMessage> {

    /** How one session behaves. */
    record Plan(Duration length, int maxRequests, Duration pause, Duration pongTimeout, Duration readyTimeout,
                boolean disconnect, boolean reset, BooleanSupplier keepGoing, Runnable onRoundTrip) {

        /** Requests for {@code length}, {@code pause} apart; generous waits, as under load. */
        static Plan of(Duration length, Duration pause) {
            return new Plan(length, Integer.MAX_VALUE, pause, Duration.ofSeconds(30), Duration.ofSeconds(120), true,
                    false, () -> true, () -> { });
        }

        Plan requests(int count) {
            return new Plan(length, count, pause, pongTimeout, readyTimeout, disconnect, reset, keepGoing, onRoundTrip);
        }

        /** Leaves without DISCONNECT: the connection just closes, as when a browser tab is killed. */
        Plan dropping() {
            return new Plan(length, maxRequests, pause, pongTimeout, readyTimeout, false, false, keepGoing, onRoundTrip);
        }

        /**
         * Leaves by cutting the TCP connection (a reset): no MQTT DISCONNECT, no WebSocket close frame, as when a
         * laptop's network goes away or the browser process is killed.
         */
        Plan cutting() {
            return new Plan(length, maxRequests, pause, pongTimeout, readyTimeout, false, true, keepGoing, onRoundTrip);
        }

        /** Ends early when {@code keepGoing} says so; tells {@code onRoundTrip} of every PONG. */
        Plan watched(BooleanSupplier keepGoing, Runnable onRoundTrip) {
            return new Plan(length, maxRequests, pause, pongTimeout, readyTimeout, disconnect, reset, keepGoing, onRoundTrip);
        }

        Plan waitingForPongs(Duration timeout) {
            return new Plan(length, maxRequests, pause, timeout, readyTimeout, disconnect, reset, keepGoing, onRoundTrip);
        }
    }

    private static final int SUBSCRIBE_ID = 1;
    private static final int START_ID = 2;

    private final String channel;
    private final Plan plan;
    private final CompletableFuture<SessionReport> done;
    private final List<String> problems = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private int requests;
    private int acknowledged;
    private int pongs;
    private int flaggedDuplicates;
    private int unexpected;
    private int readies;
    private long readyAt;
    private long sentAt;
    private long longestRoundTrip;
    private int packetId = START_ID;
    private boolean finishing;
    private ScheduledFuture<?> timeout;

    SeedSession(String channel, Plan plan, CompletableFuture<SessionReport> done) {
        this.channel = channel;
        this.plan = plan;
        this.done = done;
    }

    String requestTopic() {
        return "foobar/" + channel + "/request";
    }

    String responseTopic() {
        return "foobar/" + channel + "/response";
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            this.ctx = ctx;
            arm(plan.readyTimeout(), "no CONNACK");
            ctx.writeAndFlush(MqttMessageBuilders.connect().clientId("browser-" + channel).cleanSession(true)
                    .keepAlive(30).protocolVersion(MqttVersion.MQTT_3_1_1).build());
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, "the WebSocket upgrade timed out");
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            fail(ctx, "the broker sent a malformed packet: " + message.decoderResult().cause());
            return;
        }
        switch (message.fixedHeader().messageType()) {
            case CONNACK -> {
                MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
                if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    fail(ctx, "CONNECT refused: " + code);
                    return;
                }
                arm(plan.readyTimeout(), "no SUBACK");
                ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(SUBSCRIBE_ID)
                        .addSubscription(MqttQoS.AT_LEAST_ONCE, responseTopic()).build());
            }
            case SUBACK -> {
                List<Integer> granted = ((MqttSubAckMessage) message).payload().grantedQoSLevels();
                if (granted.isEmpty() || granted.get(0) != 1) {
                    fail(ctx, "SUBSCRIBE granted " + granted);
                    return;
                }
                arm(plan.readyTimeout(), "no \"ready\" from the function");
                publish("foobar/session", "{\"channelId\":\"" + channel + "\"}", START_ID);
            }
            case PUBACK -> {
                int id = ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
                if (id != START_ID) {
                    acknowledged++;
                    if (finishing && acknowledged >= requests) {
                        leave();
                    }
                }
            }
            case PUBLISH -> onPublish((MqttPublishMessage) message);
            case PINGRESP -> { }
            default -> fail(ctx, "the broker sent " + message.fixedHeader().messageType());
        }
    }

    private void onPublish(MqttPublishMessage message) {
        int qos = message.fixedHeader().qosLevel().value();
        if (qos == 1) {
            ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(message.variableHeader().packetId()).build());
        }
        String payload = message.payload().toString(StandardCharsets.UTF_8);
        if (!message.variableHeader().topicName().equals(responseTopic())) {
            unexpected++;
            problems.add("a message on " + message.variableHeader().topicName());
        } else if (message.fixedHeader().isDup()) {
            flaggedDuplicates++;
        } else if (payload.contains("\"ready\"")) {
            readies++;
            if (readies == 1) {
                readyAt = System.nanoTime();
                next();
            } else {
                unexpected++;
            }
        } else if (payload.contains("\"PONG\"")) {
            pongs++;
            if (pongs > requests) {
                unexpected++;
                problems.add("PONG " + pongs + " for " + requests + " request(s), without the DUP flag");
                return;
            }
            longestRoundTrip = Math.max(longestRoundTrip, System.nanoTime() - sentAt);
            cancelTimeout();
            plan.onRoundTrip().run();
            ctx.executor().schedule(this::next, plan.pause().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            unexpected++;
            problems.add("an unexpected message: " + payload);
        }
    }

    /** The next request, or the end of the session. */
    private void next() {
        if (!ctx.channel().isActive() || finishing) {
            return;
        }
        if (requests >= plan.maxRequests() || System.nanoTime() - readyAt >= plan.length().toNanos()
                || !plan.keepGoing().getAsBoolean()) {
            finish();
            return;
        }
        requests++;
        packetId = packetId >= 65_535 ? START_ID + 1 : packetId + 1;
        sentAt = System.nanoTime();
        arm(plan.pongTimeout(), "request " + requests + " got no PONG");
        publish(requestTopic(), "{\"n\":" + requests + "}", packetId);
    }

    private void publish(String topic, String payload, int id) {
        ctx.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).messageId(id)
                .retained(false).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** Leaves once every request was acknowledged (the PUBACK may come after the PONG). */
    private void finish() {
        finishing = true;
        if (acknowledged >= requests) {
            leave();
        } else {
            arm(plan.pongTimeout(), (requests - acknowledged) + " request(s) never acknowledged");
        }
    }

    private void leave() {
        cancelTimeout();
        if (plan.disconnect()) {
            ctx.writeAndFlush(MqttMessage.DISCONNECT).addListener(ChannelFutureListener.CLOSE);
        } else if (plan.reset()) {
            // Past the WebSocket handler, which would send a close frame: straight to the socket, closed with a reset.
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.pipeline().firstContext().close();
        } else {
            ctx.close();
        }
    }

    private void arm(Duration after, String problem) {
        cancelTimeout();
        timeout = ctx.executor().schedule(() -> fail(ctx, problem + " within " + after.toMillis() + " ms"),
                after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void fail(ChannelHandlerContext ctx, String problem) {
        problems.add(problem);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, String.valueOf(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        if (!finishing && problems.isEmpty()) {
            problems.add("the connection closed before the session ended");
        }
        done.complete(report());
        super.channelInactive(ctx);
    }

    SessionReport report() {
        return new SessionReport(channel, requests, acknowledged, pongs, flaggedDuplicates, unexpected, readies,
                Duration.ofNanos(longestRoundTrip), List.copyOf(problems));
    }
}
