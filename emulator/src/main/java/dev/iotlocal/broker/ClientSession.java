package dev.iotlocal.broker;

import dev.iotlocal.broker.BrokerRefusal.Rule;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection through the device gateway: checks what the client sends against AWS IoT's rules, relays
 * what passes to Moquette over a connection of its own, and filters what comes back as AWS IoT would deliver it.
 *
 * <p>The client's channel and its Moquette channel share one event loop, so this class needs no locks.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger("iot.broker");
    /** How long a new connection may wait before sending CONNECT. */
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private enum State { AWAITING_CONNECT, CONNECTING, CONNECTED, CLOSED }

    private final DeviceGateway gateway;
    private final ClientOrigin origin;
    private final CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
    private final ArrayDeque<MqttMessage> early = new ArrayDeque<>();
    private Channel client;
    private Channel upstream;
    private boolean upstreamOpening;
    /**
     * Moquette still owes an answer to what the gateway sent it on its own (the CONNECT, then the UNSUBSCRIBE that
     * settles the connection): closing its side now would race Moquette's session bookkeeping.
     */
    private boolean upstreamPending;
    /**
     * Moquette marks a connection connected in a listener of its CONNACK's write, which can run after the CONNACK is
     * on the wire and after the next packets were read: a SUBSCRIBE sent the moment the client is connected was then
     * dropped with the connection ("SUBSCRIBE received on already closed connection"). The gateway sends Moquette an
     * UNSUBSCRIBE of a topic nobody uses and relays a SUBSCRIBE or DISCONNECT (and what follows) once that is answered:
     * Moquette answers it from the session's own thread, after that listener has run. Other packets go at once.
     */
    private boolean upstreamReady;
    private static final int SETTLE_PACKET_ID = 1;
    private static final int DRAIN_PACKET_ID = 65_535;
    private boolean draining;
    private static final String SETTLE_TOPIC = "iotlocal/gateway/settle";
    private State state = State.AWAITING_CONNECT;
    private boolean closing;
    private ScheduledFuture<?> connectTimeout;
    private String clientId = "";
    private boolean cleanSession;
    private PublishedMessage will;
    private Subscriptions subscriptions;
    private Deliveries deliveries;
    private LifecycleEvents.Connection connection;
    private DisconnectReason reason;

    ClientSession(DeviceGateway gateway, ClientOrigin origin) {
        this.gateway = gateway;
        this.origin = origin;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        client = ctx.channel();
        connectTimeout = ctx.executor().schedule(() -> {
            if (state == State.AWAITING_CONNECT) {
                log.info("Closed a connection from {} that sent no CONNECT within {} s.", origin.ipAddress(),
                        CONNECT_TIMEOUT_SECONDS);
                client.close();
            }
        }, CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message) || state == State.CLOSED || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            malformed(message.decoderResult().cause());
            return;
        }
        switch (state) {
            case AWAITING_CONNECT -> onConnect(message);
            case CONNECTING -> early.add(message); // handled once Moquette has accepted the connection
            default -> {
                if (message.fixedHeader().messageType() == MqttMessageType.DISCONNECT) {
                    reason = DisconnectReason.CLIENT_INITIATED_DISCONNECT; // even while it waits behind a SUBSCRIBE
                    will = null;
                }
                early.add(message);
                relayEarly();
            }
        }
    }

    // ---- CONNECT ----

    private void onConnect(MqttMessage message) {
        connectTimeout.cancel(false);
        if (!(message instanceof MqttConnectMessage connect)) {
            ReferenceCountUtil.release(message);
            refuse(new BrokerRefusal(Rule.PROTOCOL, "the first packet was " + message.fixedHeader().messageType()
                    + ", not CONNECT"), "the connection");
            return;
        }
        clientId = connect.payload().clientIdentifier() == null ? "" : connect.payload().clientIdentifier();
        Optional<PacketRules.ConnectRefusal> refused = PacketRules.checkConnect(connect);
        if (refused.isPresent()) {
            refused.get().returnCode().ifPresentOrElse(code -> refuseConnect(code, refused.get().refusal()),
                    () -> refuse(refused.get().refusal(), "the CONNECT (its will message)"));
            return;
        }
        if (connect.variableHeader().isWillFlag()) {
            byte[] payload = connect.payload().willMessageInBytes();
            will = new PublishedMessage(connect.payload().willTopic(), payload == null ? new byte[0] : payload,
                    connect.variableHeader().willQos(), connect.variableHeader().isWillRetain(), clientId, origin.principal(),
                    gateway.now());
        }
        applyKeepAlive(connect.variableHeader().keepAliveTimeSeconds());
        cleanSession = connect.variableHeader().isCleanSession();
        state = State.CONNECTING;
        SessionRegistry.Admission admission = gateway.registry().admit(clientId, this, cleanSession, gateway.now(),
                upstreamClosed);
        subscriptions = admission.subscriptions();
        connection = new LifecycleEvents.Connection(clientId, admission.sessionIdentifier(), origin, admission.version());
        if (admission.previous() != null) {
            admission.previous().replace();
        }
        admission.predecessor().whenComplete((v, e) -> client.eventLoop().execute(() -> {
            if (admission.purgeFirst() && state == State.CONNECTING) {
                log.info("The persistent session of client '{}' had expired (after {}): it starts anew.", clientId,
                        gateway.sessionExpiry());
                gateway.purge(clientId, client.eventLoop())
                        .whenComplete((done, failure) -> client.eventLoop().execute(this::openUpstream));
            } else {
                openUpstream();
            }
        }));
    }

    private void applyKeepAlive(int requested) {
        int effective = gateway.keepAlive().effectiveSeconds(requested);
        if (effective != requested) {
            log.info("Client '{}' asked for a keep-alive of {} s; AWS IoT applies {} s (its range is {} to {} s, 0 meaning"
                            + " {} s).", clientId, requested, effective, gateway.keepAlive().minimumSeconds(),
                    gateway.keepAlive().maximumSeconds(), gateway.keepAlive().maximumSeconds());
        }
        client.pipeline().addFirst("keep-alive", new IdleStateHandler(
                gateway.keepAlive().silenceAllowed(effective).toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    }

    private void openUpstream() {
        if (state != State.CONNECTING) {
            upstreamClosed.complete(null);
            return;
        }
        upstreamOpening = true;
        gateway.connectToMoquette(client.eventLoop(), new FromMoquette()).addListener((ChannelFuture opened) -> {
            upstreamOpening = false;
            if (!opened.isSuccess()) {
                upstreamClosed.complete(null);
                log.error("The embedded broker refused a connection for client '{}': {}", clientId,
                        opened.cause().getMessage());
                if (state == State.CONNECTING) {
                    reason = DisconnectReason.SERVER_ERROR;
                    client.writeAndFlush(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, false))
                            .addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            upstream = opened.channel();
            deliveries = new Deliveries(client, upstream, clientId, subscriptions, gateway.router().retained());
            upstream.closeFuture().addListener(closed -> upstreamClosed.complete(null));
            if (state != State.CONNECTING) {
                upstream.close();
                return;
            }
            upstreamPending = true;
            upstream.writeAndFlush(MqttMessageBuilders.connect().clientId(clientId).cleanSession(cleanSession)
                    .keepAlive(0) // the gateway enforces the keep-alive itself
                    .protocolVersion(MqttVersion.MQTT_3_1_1).build());
        });
    }

    /** Another connection took this client id: close this one, as AWS IoT does. Called from any thread. */
    void replace() {
        client.eventLoop().execute(() -> {
            if (state != State.CLOSED && !closing) {
                log.info("Client '{}' connected again: its older connection (from {}) is closed, as AWS IoT does"
                        + " (disconnectReason DUPLICATE_CLIENTID).", clientId, origin.ipAddress());
                reason = DisconnectReason.DUPLICATE_CLIENTID;
                closing = true;
                client.close();
            }
        });
    }

    // ---- what the client sends once connected ----

    private void onClientMessage(MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case PUBLISH -> onPublish((MqttPublishMessage) message);
            case PUBACK -> deliveries.acknowledged(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> onUnsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> client.writeAndFlush(MqttMessage.PINGRESP);
            case DISCONNECT -> onDisconnect();
            case CONNECT -> refuse(new BrokerRefusal(Rule.PROTOCOL, "a second CONNECT came on the same connection"),
                    "CONNECT");
            case PUBREC, PUBREL, PUBCOMP -> refuse(new BrokerRefusal(Rule.QOS_2, "the client sent " + type
                    + ", a packet of the QoS 2 flow"), type.name());
            default -> {
                ReferenceCountUtil.release(message);
                refuse(new BrokerRefusal(Rule.PROTOCOL, "the client sent " + type + ", which only a broker sends"),
                        type.name());
            }
        }
    }

    private void onPublish(MqttPublishMessage message) {
        MqttFixedHeader fixed = message.fixedHeader();
        Optional<BrokerRefusal> refusal = PacketRules.checkPublish(message);
        if (refusal.isPresent()) {
            message.release();
            refuse(refusal.get(), "a PUBLISH");
            return;
        }
        int qos = fixed.qosLevel().value();
        PublishedMessage published = new PublishedMessage(message.variableHeader().topicName(),
                ByteBufUtil.getBytes(message.payload()), qos, fixed.isRetain(), clientId, origin.principal(),
                gateway.now());
        if (!gateway.router().accept(published)) { // Basic Ingest: to the rule only
            message.release();
            if (qos == 1) {
                client.writeAndFlush(MqttMessageBuilders.pubAck().packetId(message.variableHeader().packetId()).build());
            }
            return;
        }
        // Moquette never keeps retained messages: the gateway does, to deliver them as AWS IoT does. Nor does it get
        // the DUP flag of a client's redelivery: Moquette 0.17 then looks for subscribers the first attempt failed to
        // reach, finds none, throws, and the thread serving half of all sessions dies with it. A redelivery is
        // delivered again, as AWS IoT does (QoS 1 is at least once).
        upstream.writeAndFlush(!fixed.isRetain() && !fixed.isDup() ? message : new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, fixed.qosLevel(), false, 0),
                message.variableHeader(), message.payload()));
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        Optional<BrokerRefusal> refusal = PacketRules.checkSubscribe(message.payload().topicSubscriptions());
        if (refusal.isPresent()) {
            refuse(refusal.get(), "a SUBSCRIBE");
            return;
        }
        deliveries.subscribe(message);
    }

    private void onUnsubscribe(MqttUnsubscribeMessage message) {
        if (message.payload().topics().isEmpty()) { // MQTT 3.1.1 [MQTT-3.10.3-2]: a protocol violation
            refuse(new BrokerRefusal(Rule.PROTOCOL, "an UNSUBSCRIBE had no topic filter"), "an UNSUBSCRIBE");
            return;
        }
        deliveries.unsubscribe(message);
    }

    private void onDisconnect() {
        reason = DisconnectReason.CLIENT_INITIATED_DISCONNECT;
        will = null; // MQTT: a DISCONNECT discards the will
        closing = true;
        disconnectUpstream(upstream);
        client.close();
    }

    /**
     * Moquette closes its side once it has processed the DISCONNECT, after what it was still doing for the client
     * (a SUBACK, say); closing first made those writes fail with a warning in the log.
     */
    private static void disconnectUpstream(Channel upstream) {
        upstream.writeAndFlush(MqttMessage.DISCONNECT);
        closeLater(upstream);
    }

    /**
     * A client gone without DISCONNECT: Moquette's side is closed without one too (Moquette keeps a persistent
     * session as for a lost client), once Moquette has answered an UNSUBSCRIBE sent now, that is once it has done
     * what it still owed the client.
     */
    private void drainAndCloseUpstream() {
        draining = true;
        upstream.writeAndFlush(MqttMessageBuilders.unsubscribe().messageId(DRAIN_PACKET_ID).addTopicFilter(SETTLE_TOPIC).build());
        closeLater(upstream);
    }

    /** The last resort, should Moquette never answer. */
    private static void closeLater(Channel upstream) {
        upstream.eventLoop().schedule(() -> upstream.close(), 5, TimeUnit.SECONDS);
    }

    // ---- refusals and the end of the connection ----

    private void malformed(Throwable cause) {
        if (state == State.AWAITING_CONNECT && cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    new BrokerRefusal(Rule.PROTOCOL, "the CONNECT names an unknown protocol version"));
        } else if (state == State.AWAITING_CONNECT && cause instanceof MqttIdentifierRejectedException) {
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    new BrokerRefusal(Rule.CLIENT_ID_SIZE, "the client id is not valid: " + cause.getMessage()));
        } else if (cause instanceof TooLongFrameException) {
            refuse(new BrokerRefusal(Rule.MESSAGE_SIZE, "a packet was longer than "
                    + EmbeddedMoquette.MAX_MESSAGE_BYTES + " bytes"), "a packet");
        } else {
            refuse(new BrokerRefusal(Rule.PROTOCOL, "the packet is malformed (" + cause.getMessage() + ")"), "a packet");
        }
    }

    private void refuseConnect(MqttConnectReturnCode code, BrokerRefusal refusal) {
        log.warn("Refused the CONNECT of client '{}' from {} with return code {} ({}): {}",
                Topics.abbreviate(clientId), origin.ipAddress(), code.byteValue() & 0xff, code, refusal.message());
        closing = true;
        client.writeAndFlush(connAck(code, false)).addListener(ChannelFutureListener.CLOSE);
    }

    private void refuse(BrokerRefusal refusal, String what) {
        log.warn("Refused {} from client '{}' ({}) and closed its connection, as AWS IoT does: {}", what,
                Topics.abbreviate(clientId), origin.ipAddress(), refusal.message());
        reason = DisconnectReason.CLIENT_ERROR;
        closing = true;
        client.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !closing && state != State.CLOSED) {
            log.info("Client '{}' sent nothing for 1.5 times its keep-alive: disconnected, as AWS IoT does"
                    + " (disconnectReason MQTT_KEEP_ALIVE_TIMEOUT).", clientId);
            reason = DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT;
            closing = true;
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection of client '{}' failed: {}", clientId, cause.getMessage());
        } else {
            log.warn("Connection of client '{}' failed", clientId, cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        State was = state;
        state = State.CLOSED;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        if (!(was == State.CONNECTED && upstreamPending)) { // else relayed when Moquette has settled: relayLeftovers
            early.forEach(ReferenceCountUtil::release);
            early.clear();
        }
        if (was == State.CONNECTING || was == State.CONNECTED) {
            gateway.registry().left(clientId, this, cleanSession, gateway.now());
        }
        // Events before closing the Moquette side: a successor waits for that close before it announces itself.
        if (was == State.CONNECTED && !gateway.isClosing()) {
            DisconnectReason why = reason == null ? DisconnectReason.CONNECTION_LOST : reason;
            if (will != null && why != DisconnectReason.CLIENT_INITIATED_DISCONNECT) {
                gateway.router().publish(new PublishedMessage(will.topic(), will.payload(), will.qos(), will.retain(),
                        clientId, origin.principal(), gateway.now()));
            }
            gateway.events().disconnected(connection, why);
            log.debug("Client '{}' disconnected: {}", clientId, why);
        }
        if (upstream != null) {
            if (gateway.isClosing()) {
                upstream.close(); // the emulator stops: Moquette with it
            } else if (upstreamPending) {
                // The client left during its CONNECT: Moquette's answer closes this side (see FromMoquette); closing
                // before it makes Moquette fail its own session bookkeeping, with a stack trace in the log.
                closeLater(upstream);
            } else if (reason != DisconnectReason.CLIENT_INITIATED_DISCONNECT) {
                drainAndCloseUpstream();
            }
        } else if (!upstreamOpening) {
            upstreamClosed.complete(null);
        }
        super.channelInactive(ctx);
    }

    private static MqttMessage connAck(MqttConnectReturnCode code, boolean sessionPresent) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(sessionPresent).build();
    }

    // ---- what Moquette sends ----

    /** Moquette's side of this connection; runs on the client's event loop. */
    private final class FromMoquette extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (draining && msg instanceof MqttUnsubAckMessage) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            boolean settled = msg instanceof MqttUnsubAckMessage && !upstreamReady;
            if (msg instanceof MqttConnAckMessage connAck) {
                upstreamPending = connAck.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED
                        && state != State.CLOSED; // the settling UNSUBSCRIBE follows
            } else if (settled) {
                upstreamPending = false;
            }
            if ((msg instanceof MqttConnAckMessage || settled) && state == State.CLOSED) { // the client left meanwhile
                ReferenceCountUtil.release(msg);
                relayLeftovers(ctx);
                return;
            }
            if (!(msg instanceof MqttMessage message) || state == State.CLOSED || closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (message.decoderResult().isFailure()) {
                log.error("The embedded broker sent a packet the gateway cannot read: {}",
                        message.decoderResult().cause().getMessage());
                ctx.close();
                return;
            }
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> onConnAck((MqttConnAckMessage) message);
                case PUBLISH -> deliveries.deliver((MqttPublishMessage) message);
                case SUBACK -> deliveries.subscribed((MqttSubAckMessage) message);
                case UNSUBACK -> {
                    if (upstreamReady) {
                        deliveries.unsubscribed((MqttUnsubAckMessage) message);
                    } else {
                        onUpstreamReady();
                    }
                }
                case PUBACK -> client.writeAndFlush(message);
                default -> ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (state != State.CLOSED && !closing) {
                log.warn("The embedded broker closed the connection of client '{}'.", clientId);
                reason = DisconnectReason.SERVER_ERROR;
                closing = true;
                client.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("The embedded broker's connection of client '{}' failed: {}", clientId, cause.getMessage());
            ctx.close();
        }
    }

    private void onConnAck(MqttConnAckMessage message) {
        if (state != State.CONNECTING) {
            return;
        }
        MqttConnectReturnCode code = message.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            log.warn("The embedded broker refused client '{}': {}", clientId, code);
            reason = DisconnectReason.SERVER_ERROR;
            closing = true;
            client.writeAndFlush(connAck(code, false)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean sessionPresent = message.variableHeader().isSessionPresent();
        if (!sessionPresent) {
            subscriptions.clear();
        }
        state = State.CONNECTED;
        client.writeAndFlush(connAck(code, sessionPresent));
        gateway.events().connected(connection);
        // A SUBSCRIBE of the client waits for the answer: see upstreamReady.
        upstream.writeAndFlush(MqttMessageBuilders.unsubscribe().messageId(SETTLE_PACKET_ID).addTopicFilter(SETTLE_TOPIC).build());
        relayEarly();
    }

    private void onUpstreamReady() {
        upstreamReady = true;
        relayEarly();
    }

    /**
     * Relays what the client sent meanwhile, in order. A SUBSCRIBE or DISCONNECT (and what follows) waits for
     * upstreamReady: Moquette drops the one and ignores the other before; and closing Moquette's side while it still
     * owes its answer makes it log a failed write.
     */
    private void relayEarly() {
        while (!early.isEmpty() && state == State.CONNECTED && !closing && (upstreamReady || !waitsForSettling(early.peek()))) {
            onClientMessage(early.poll());
        }
    }

    private static boolean waitsForSettling(MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        return type == MqttMessageType.SUBSCRIBE || type == MqttMessageType.DISCONNECT;
    }

    /**
     * The client left while Moquette settled, after sending packets that waited: its messages, acknowledgements and
     * DISCONNECT still reach Moquette, in order, as they would have; then Moquette's side closes.
     */
    private void relayLeftovers(ChannelHandlerContext upstreamContext) {
        boolean disconnect = false;
        for (MqttMessage message; (message = early.poll()) != null; ) {
            switch (message.fixedHeader().messageType()) {
                case PUBLISH -> onPublish((MqttPublishMessage) message);
                case PUBACK -> deliveries.acknowledged(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                case DISCONNECT -> disconnect = true;
                default -> ReferenceCountUtil.release(message);
            }
        }
        if (disconnect) {
            disconnectUpstream(upstreamContext.channel());
        } else {
            drainAndCloseUpstream();
        }
    }
}
