package dev.iotlocal.broker;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** How the gateway numbers the QoS 1 messages Moquette routes to a client, and settles them with Moquette. */
class DeliveriesTest {

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final Deliveries deliveries = deliveriesFor("foobar/+/request");

    @Test
    void aRedeliveryKeepsTheIdOfTheFirstAttemptAndOnePubackSettlesIt() {
        deliveries.deliver(fromMoquette(7, false, "first"));
        MqttPublishMessage first = client.readOutbound();

        deliveries.deliver(fromMoquette(7, true, "first")); // Moquette's resend: no PUBACK came in time
        MqttPublishMessage again = client.readOutbound();

        assertThat(again.fixedHeader().isDup()).isTrue();
        assertThat(again.variableHeader().packetId()).isEqualTo(first.variableHeader().packetId());

        deliveries.acknowledged(first.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(7);
        deliveries.acknowledged(again.variableHeader().packetId()); // a client acknowledging each copy
        assertThat((Object) upstream.readOutbound()).as("a second PUBACK for Moquette's id 7").isNull();
    }

    @Test
    void messagesInFlightTogetherGetTheirOwnIds() {
        deliveries.deliver(fromMoquette(7, false, "a"));
        deliveries.deliver(fromMoquette(8, false, "b"));
        MqttPublishMessage a = client.readOutbound();
        MqttPublishMessage b = client.readOutbound();

        assertThat(a.variableHeader().packetId()).isNotEqualTo(b.variableHeader().packetId());
        deliveries.acknowledged(b.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(8);
    }

    @Test
    void anIdMoquetteReusesAfterTheAcknowledgementIsANewMessage() {
        deliveries.deliver(fromMoquette(7, false, "a"));
        MqttPublishMessage a = client.readOutbound();
        deliveries.acknowledged(a.variableHeader().packetId());
        upstream.readOutbound();

        deliveries.deliver(fromMoquette(7, false, "b"));
        MqttPublishMessage b = client.readOutbound();

        assertThat(b.fixedHeader().isDup()).isFalse();
        assertThat(b.variableHeader().packetId()).isNotEqualTo(a.variableHeader().packetId());
        deliveries.acknowledged(b.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(7);
    }

    @Test
    void aRedeliveryThatCrossedTheClientsPubackIsNotSentAgain() {
        deliveries.deliver(fromMoquette(7, false, "a"));
        MqttPublishMessage a = client.readOutbound();
        deliveries.acknowledged(a.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(7);

        deliveries.deliver(fromMoquette(7, true, "a")); // sent by Moquette before our PUBACK reached it

        assertThat((Object) client.readOutbound()).isNull();
        assertThat((Object) upstream.readOutbound()).isNull();
    }

    @Test
    void aRedeliveryWhoseFirstCopyNeverReachedTheClientIsSent() {
        deliveries.deliver(fromMoquette(9, true, "b")); // Moquette dropped its first attempt (channel not writable)

        MqttPublishMessage b = client.readOutbound();
        assertThat(b.fixedHeader().isDup()).isTrue();
        deliveries.acknowledged(b.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(9);
    }

    @Test
    void anIdMoquetteGivesANewMessageWhileTheOldOneIsUnacknowledgedDoesNotLetTheOldPubackSettleIt() {
        deliveries.deliver(fromMoquette(7, false, "old"));
        MqttPublishMessage old = client.readOutbound();
        deliveries.deliver(fromMoquette(7, false, "new")); // Moquette's ids wrapped around

        MqttPublishMessage fresh = client.readOutbound();
        assertThat(fresh.variableHeader().packetId()).isNotEqualTo(old.variableHeader().packetId());
        deliveries.acknowledged(old.variableHeader().packetId());
        assertThat((Object) upstream.readOutbound()).as("a PUBACK for the new message").isNull();
        deliveries.acknowledged(fresh.variableHeader().packetId());
        assertThat(pubAckToMoquette()).isEqualTo(7);
    }

    /** The packet id of the PUBACK the gateway sent Moquette. */
    private int pubAckToMoquette() {
        MqttMessage puback = upstream.readOutbound();
        assertThat(puback.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        return ((MqttMessageIdVariableHeader) puback.variableHeader()).messageId();
    }

    private Deliveries deliveriesFor(String filter) {
        Subscriptions subscriptions = new Subscriptions();
        subscriptions.add(filter);
        return new Deliveries(client, upstream, "browser-1", subscriptions, new RetainedMessages());
    }

    private static MqttPublishMessage fromMoquette(int packetId, boolean dup, String payload) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader("foobar/c1/request", packetId),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }
}
