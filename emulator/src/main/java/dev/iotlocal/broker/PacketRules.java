package dev.iotlocal.broker;

import dev.iotlocal.broker.BrokerRefusal.Rule;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** AWS IoT's rules for each packet a client sends: why it is refused, if it is. */
final class PacketRules {

    /** A refused CONNECT: the return code its CONNACK carries, or none when AWS IoT just closes the connection. */
    record ConnectRefusal(Optional<MqttConnectReturnCode> returnCode, BrokerRefusal refusal) {
    }

    private PacketRules() {
    }

    static Optional<ConnectRefusal> checkConnect(MqttConnectMessage connect) {
        String clientId = connect.payload().clientIdentifier() == null ? "" : connect.payload().clientIdentifier();
        if (connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel()) {
            return refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION,
                    new BrokerRefusal(Rule.PROTOCOL, "the client speaks MQTT 5; connect with MQTT 3.1.1"));
        }
        if (clientId.isEmpty()) {
            return refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    new BrokerRefusal(Rule.CLIENT_ID_REQUIRED, "the client id is empty"));
        }
        int idBytes = clientId.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > Topics.MAX_CLIENT_ID_BYTES) {
            return refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    new BrokerRefusal(Rule.CLIENT_ID_SIZE, "the client id is " + idBytes + " bytes"));
        }
        if (connect.variableHeader().isWillFlag()) {
            // A will is published as any message would be: the same limits apply, and QoS 2 closes the connection.
            byte[] will = connect.payload().willMessageInBytes();
            Optional<BrokerRefusal> refusal = connect.variableHeader().willQos() == 2
                    ? Optional.of(new BrokerRefusal(Rule.QOS_2, "the will message has QoS 2"))
                    : Topics.checkPublish(connect.payload().willTopic(), will == null ? 0 : will.length,
                    connect.variableHeader().isWillRetain());
            return refusal.map(r -> new ConnectRefusal(Optional.empty(), r));
        }
        return Optional.empty();
    }

    static Optional<BrokerRefusal> checkPublish(MqttPublishMessage message) {
        String topic = message.variableHeader().topicName();
        if (message.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
            return Optional.of(new BrokerRefusal(Rule.QOS_2, "the message to '" + Topics.abbreviate(topic) + "' has QoS 2"));
        }
        return Topics.checkPublish(topic, message.payload().readableBytes(), message.fixedHeader().isRetain());
    }

    static Optional<BrokerRefusal> checkSubscribe(List<MqttTopicSubscription> requested) {
        if (requested.isEmpty()) {
            return Optional.of(new BrokerRefusal(Rule.PROTOCOL, "a SUBSCRIBE had no topic filter"));
        }
        if (requested.size() > Topics.MAX_FILTERS_PER_SUBSCRIBE) {
            return Optional.of(new BrokerRefusal(Rule.SUBSCRIPTIONS_PER_SUBSCRIBE, "a SUBSCRIBE had " + requested.size()
                    + " topic filters"));
        }
        for (MqttTopicSubscription subscription : requested) {
            Optional<BrokerRefusal> refusal = subscription.qualityOfService() == MqttQoS.EXACTLY_ONCE
                    ? Optional.of(new BrokerRefusal(Rule.QOS_2, "the subscription to '"
                    + Topics.abbreviate(subscription.topicName()) + "' asks for QoS 2"))
                    : Topics.checkFilter(subscription.topicName());
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static Optional<ConnectRefusal> refuse(MqttConnectReturnCode code, BrokerRefusal refusal) {
        return Optional.of(new ConnectRefusal(Optional.of(code), refusal));
    }
}
