package dev.iotlocal.broker;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What reaches one client from Moquette, made to follow AWS IoT: deliveries its filters match only as MQTT 3.1.1
 * matches are dropped, retained messages come only to exact filters, and the packet ids of QoS 1 deliveries are the
 * gateway's own. Used on the client's event loop only.
 */
final class Deliveries {

    private static final Logger log = LoggerFactory.getLogger("iot.broker");

    private final Channel client;
    private final Channel upstream;
    private final String clientId;
    private final Subscriptions subscriptions;
    private final RetainedMessages retained;
    private final PacketIds packetIds = new PacketIds();
    private final Map<Integer, List<MqttTopicSubscription>> subscribing = new HashMap<>();
    private final Map<Integer, List<String>> unsubscribing = new HashMap<>();

    Deliveries(Channel client, Channel upstream, String clientId, Subscriptions subscriptions, RetainedMessages retained) {
        this.client = client;
        this.upstream = upstream;
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        this.retained = retained;
    }

    /** Relays a SUBSCRIBE the rules accepted. */
    void subscribe(MqttSubscribeMessage message) {
        List<MqttTopicSubscription> requested = message.payload().topicSubscriptions();
        // Known before the SUBACK: Moquette may deliver right after it.
        requested.forEach(subscription -> subscriptions.add(subscription.topicName()));
        subscribing.put(message.variableHeader().messageId(), List.copyOf(requested));
        upstream.writeAndFlush(message);
    }

    void unsubscribe(MqttUnsubscribeMessage message) {
        unsubscribing.put(message.variableHeader().messageId(), List.copyOf(message.payload().topics()));
        upstream.writeAndFlush(message);
    }

    /** The client acknowledged a delivery: Moquette hears of it if the message was Moquette's. */
    void acknowledged(int packetId) {
        Integer upstreamId = packetIds.release(packetId);
        if (upstreamId != null && upstreamId != PacketIds.OWN) {
            upstream.writeAndFlush(MqttMessageBuilders.pubAck().packetId(upstreamId).build());
        }
    }

    /** A message Moquette routed to this client. */
    void deliver(MqttPublishMessage message) {
        MqttFixedHeader fixed = message.fixedHeader();
        String topic = message.variableHeader().topicName();
        int upstreamId = message.variableHeader().packetId();
        if (!subscriptions.anyMatches(topic)) {
            // Moquette matches as MQTT 3.1.1 does (a/# matches a); AWS IoT does not. Acknowledged, or Moquette
            // would keep it in flight.
            log.debug("Dropped a message to {} for client '{}': none of its filters matches it under AWS IoT's rules.",
                    topic, clientId);
            message.release();
            if (fixed.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                upstream.writeAndFlush(MqttMessageBuilders.pubAck().packetId(upstreamId).build());
            }
            return;
        }
        int id = 0;
        if (fixed.qosLevel() != MqttQoS.AT_MOST_ONCE) {
            id = packetIds.allocate(upstreamId, fixed.isDup());
            if (id == PacketIds.ALREADY_ACKNOWLEDGED) {
                message.release(); // Moquette's resend crossed the client's PUBACK
                return;
            }
            if (id == PacketIds.NONE_FREE) {
                message.release(); // 65535 unacknowledged messages: Moquette redelivers on reconnect
                return;
            }
        }
        client.writeAndFlush(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, fixed.isDup(), fixed.qosLevel(), false, 0),
                new MqttPublishVariableHeader(topic, id), message.payload()));
    }

    void subscribed(MqttSubAckMessage message) {
        List<MqttTopicSubscription> requested = subscribing.remove(message.variableHeader().messageId());
        List<Integer> granted = List.copyOf(message.payload().grantedQoSLevels());
        client.writeAndFlush(message);
        if (requested == null) {
            return;
        }
        for (int i = 0; i < requested.size() && i < granted.size(); i++) {
            String filter = requested.get(i).topicName();
            int qos = granted.get(i);
            if (qos > 1) {
                subscriptions.removeAll(List.of(filter));
            } else if (!Topics.hasWildcard(filter)) {
                // AWS IoT delivers a retained message only to a filter that is exactly its topic.
                retained.get(filter).ifPresent(kept -> sendRetained(filter, kept, qos));
            }
        }
    }

    void unsubscribed(MqttUnsubAckMessage message) {
        List<String> removed = unsubscribing.remove(message.variableHeader().messageId());
        if (removed != null) {
            subscriptions.removeAll(removed);
        }
        client.writeAndFlush(message);
    }

    private void sendRetained(String topic, RetainedMessages.Retained message, int grantedQos) {
        int qos = Math.min(message.qos(), grantedQos);
        int id = qos == 0 ? 0 : packetIds.allocate(PacketIds.OWN, false);
        if (id == PacketIds.NONE_FREE) {
            return;
        }
        client.writeAndFlush(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), true, 0),
                new MqttPublishVariableHeader(topic, id), Unpooled.wrappedBuffer(message.payload())));
    }
}
