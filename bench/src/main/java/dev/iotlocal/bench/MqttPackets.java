package dev.iotlocal.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The few MQTT 3.1.1 packets a browser sends, encoded as MQTT.js would. */
final class MqttPackets {

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;
    static final int PINGRESP = 13;

    private MqttPackets() {
    }

    static byte[] connect(String clientId, int keepAliveSeconds) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x02); // clean session
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xff);
        string(body, clientId);
        return packet(0x10, body.toByteArray());
    }

    static byte[] subscribe(int packetId, String topicFilter, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xff);
        string(body, topicFilter);
        body.write(qos);
        return packet(0x82, body.toByteArray());
    }

    static byte[] publish(String topic, byte[] payload, int qos, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId & 0xff);
        }
        body.writeBytes(payload);
        return packet(0x30 | (qos << 1), body.toByteArray());
    }

    static byte[] puback(int packetId) {
        return new byte[] {0x40, 0x02, (byte) (packetId >> 8), (byte) packetId};
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xe0, 0x00};
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    private static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Cuts a byte stream into packets; WebSocket frames need not end where packets do. */
    static final class Reader {
        private byte[] buffer = new byte[256];
        private int size;

        /** One packet: its type, flags and body. */
        record Packet(int type, int flags, byte[] body) {
            int packetId(int offset) {
                return ((body[offset] & 0xff) << 8) | (body[offset + 1] & 0xff);
            }
        }

        void append(java.nio.ByteBuffer data) {
            int needed = size + data.remaining();
            if (needed > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
            }
            data.get(buffer, size, data.remaining());
            size = needed;
        }

        /** The next complete packet, or null until more bytes arrive. */
        Packet next() {
            if (size < 2) {
                return null;
            }
            int length = 0;
            int multiplier = 1;
            int index = 1;
            int digit;
            do {
                if (index >= size) {
                    return null;
                }
                digit = buffer[index++] & 0xff;
                length += (digit & 0x7f) * multiplier;
                multiplier *= 128;
            } while ((digit & 0x80) != 0);
            if (size < index + length) {
                return null;
            }
            Packet packet = new Packet((buffer[0] & 0xff) >> 4, buffer[0] & 0x0f,
                    java.util.Arrays.copyOfRange(buffer, index, index + length));
            System.arraycopy(buffer, index + length, buffer, 0, size - index - length);
            size -= index + length;
            return packet;
        }
    }
}
