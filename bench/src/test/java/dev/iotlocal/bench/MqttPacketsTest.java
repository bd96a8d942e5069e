package dev.iotlocal.bench;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MqttPacketsTest {

    @Test
    void aConnectIsWrittenAsMqtt311WithACleanSession() {
        byte[] connect = MqttPackets.connect("browser-1", 60);

        assertThat(connect[0]).isEqualTo((byte) 0x10);
        assertThat(connect[1]).isEqualTo((byte) (connect.length - 2));
        assertThat(new String(connect, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("MQTT");
        assertThat(connect[8]).isEqualTo((byte) 4);
        assertThat(connect[9]).isEqualTo((byte) 0x02);
    }

    @Test
    void aLongPublishHasAMultiByteRemainingLengthAndIsReadBackWhole() {
        byte[] payload = new byte[300];
        byte[] publish = MqttPackets.publish("a/b", payload, 1, 7);

        assertThat(publish[0]).isEqualTo((byte) 0x32);
        assertThat(publish[1] & 0x80).isNotZero(); // 2 + 3 + 2 + 300 = 307 needs two bytes
        MqttPackets.Reader reader = new MqttPackets.Reader();
        reader.append(ByteBuffer.wrap(publish));
        MqttPackets.Reader.Packet packet = reader.next();
        assertThat(packet.type()).isEqualTo(MqttPackets.PUBLISH);
        assertThat(packet.body()).hasSize(307);
        assertThat(packet.packetId(5)).isEqualTo(7);
        assertThat(reader.next()).isNull();
    }

    @Test
    void packetsSplitAcrossAndSharingFramesAreCutWhereTheyEnd() {
        byte[] first = MqttPackets.puback(1);
        byte[] second = MqttPackets.publish("t", "hello".getBytes(StandardCharsets.UTF_8), 0, 0);
        byte[] stream = new byte[first.length + second.length];
        System.arraycopy(first, 0, stream, 0, first.length);
        System.arraycopy(second, 0, stream, first.length, second.length);
        MqttPackets.Reader reader = new MqttPackets.Reader();

        reader.append(ByteBuffer.wrap(stream, 0, 5)); // the PUBACK and one byte of the PUBLISH
        assertThat(reader.next().type()).isEqualTo(MqttPackets.PUBACK);
        assertThat(reader.next()).isNull();
        reader.append(ByteBuffer.wrap(stream, 5, stream.length - 5));
        MqttPackets.Reader.Packet publish = reader.next();
        assertThat(publish.type()).isEqualTo(MqttPackets.PUBLISH);
        assertThat(new String(publish.body(), 3, 5, StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
