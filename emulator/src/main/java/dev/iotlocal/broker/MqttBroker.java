package dev.iotlocal.broker;

import io.netty.channel.EventLoopGroup;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS IoT Core's message broker: an embedded Moquette, in memory, behind a device gateway that makes it behave as
 * AWS IoT does (limits, QoS, reserved topics, retained messages, persistent sessions, lifecycle events). Every
 * message that reaches it goes to a {@link PublishListener} too: the rules engine.
 */
public final class MqttBroker implements AutoCloseable {

    private final EmbeddedMoquette moquette;
    private final DeviceGateway gateway;
    private final MessageRouter router;
    private final Clock clock;

    private MqttBroker(EmbeddedMoquette moquette, DeviceGateway gateway, MessageRouter router, Clock clock) {
        this.moquette = moquette;
        this.gateway = gateway;
        this.router = router;
        this.clock = clock;
    }

    /**
     * Starts the broker.
     *
     * @throws IllegalStateException when the port cannot be bound, saying which and what to do
     */
    public static MqttBroker start(BrokerSettings settings, PublishListener listener, Clock clock) {
        return start(settings, listener, clock, KeepAlive.AWS);
    }

    /** With other keep-alive bounds than AWS IoT's, so that tests need not stay silent for 45 s. */
    static MqttBroker start(BrokerSettings settings, PublishListener listener, Clock clock, KeepAlive keepAlive) {
        Objects.requireNonNull(listener, "listener");
        EmbeddedMoquette moquette = EmbeddedMoquette.start();
        MessageRouter router = new MessageRouter(moquette, new RetainedMessages(), listener);
        DeviceGateway.Builder gateway = new DeviceGateway.Builder();
        gateway.host = settings.host();
        gateway.port = settings.port();
        gateway.moquettePort = moquette.port();
        gateway.sessionExpiry = settings.persistentSessionExpiry();
        gateway.keepAlive = keepAlive;
        gateway.router = router;
        gateway.clock = clock;
        try {
            return new MqttBroker(moquette, gateway.start(), router, clock);
        } catch (RuntimeException e) {
            moquette.stop();
            throw e;
        }
    }

    /** The MQTT over TCP port clients connect to. */
    public int port() {
        return gateway.port();
    }

    /** The gateway's event loops, for tests in this package that need them busy. */
    EventLoopGroup gatewayEventLoops() {
        return gateway.eventLoops();
    }

    /**
     * Why AWS IoT would refuse to publish this message (HTTP publish checks it before {@link #publish}): the payload
     * or topic is over a limit, the topic has a wildcard, or it is a reserved topic clients cannot publish to.
     */
    public Optional<BrokerRefusal> checkPublish(String topic, int payloadBytes, boolean retain) {
        return Topics.checkPublish(topic, payloadBytes, retain);
    }

    /**
     * Publishes as the emulator itself (HTTP publish, republish actions): subscribers receive it as from any client,
     * the listener sees it, a retained message is kept (or, when empty, deleted), and a Basic Ingest topic
     * ({@code $aws/rules/<rule>/...}) goes to its rule only. The limits are not checked: see {@link #checkPublish}.
     */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        publish(topic, payload, qos, retain, "");
    }

    /** As {@link #publish(String, byte[], int, boolean)}, for a request signed by {@code principal} (its access key id). */
    public void publish(String topic, byte[] payload, int qos, boolean retain, String principal) {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1 (AWS IoT does not support QoS 2), was " + qos);
        }
        router.publish(new PublishedMessage(topic, payload.clone(), qos, retain, "", principal, clock.instant()));
    }

    /** Opens a connection for a client of another transport (the WebSocket endpoint), relayed in-process. */
    public ClientConnection connect(ClientOrigin origin, ClientTransport client) {
        return gateway.bridge(origin, client);
    }

    /** Closes every client connection and stops; no lifecycle events are published while stopping. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            moquette.stop();
        }
    }
}
