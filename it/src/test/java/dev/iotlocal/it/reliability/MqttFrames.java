package dev.iotlocal.it.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile MQTT byte streams, from a seed so that a failure replays: random bytes, valid sessions mutated byte by
 * byte, and packets broken in known ways (truncated, oversized remaining lengths, ill-formed UTF-8 topics, packets
 * in the wrong order, floods of CONNECTs on one connection).
 */
final class MqttFrames {

    private final Random random;

    MqttFrames(long seed) {
        this.random = new Random(seed);
    }

    /** The n-th stream: a mix of the kinds below. */
    byte[] next(int n) {
        return switch (n % 5) {
            case 0 -> randomBytes();
            case 1, 2 -> mutate(validSession("hostile-" + n));
            case 3 -> broken("hostile-" + n);
            default -> truncate(validSession("hostile-" + n));
        };
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(random.nextInt(8) == 0 ? 70_000 : 300)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            bytes[0] = (byte) (random.nextInt(16) << 4 | random.nextInt(16)); // a plausible first byte
        }
        return bytes;
    }

    /** CONNECT, SUBSCRIBE, PUBLISH QoS 0 and 1, PINGREQ, UNSUBSCRIBE, DISCONNECT: what a well-behaved client sends. */
    byte[] validSession(String clientId) {
        return concat(
                connect(clientId, random.nextBoolean(), random.nextInt(4) == 0 ? "hostile/will" : null),
                packet(0x82, id(1), string("hostile/" + clientId + "/#"), new byte[] {1}),
                packet(0x30, string("hostile/" + clientId + "/a"), bytes("{\"n\":1}")),
                packet(0x32, string("hostile/" + clientId + "/b"), id(2), bytes("{\"n\":2}")),
                packet(0xC0),
                packet(0xA2, id(3), string("hostile/" + clientId + "/#")),
                packet(0xE0));
    }

    byte[] mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                default -> {
                    byte[] longer = new byte[bytes.length + 1 + random.nextInt(8)];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(bytes, at, longer, longer.length - (bytes.length - at), bytes.length - at);
                    for (int j = at; j < longer.length - (bytes.length - at); j++) {
                        longer[j] = (byte) random.nextInt(256);
                    }
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    byte[] truncate(byte[] valid) {
        return java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    }

    /** A connection that breaks a rule in a known way, after a valid CONNECT or instead of it. */
    byte[] broken(String clientId) {
        byte[] connect = connect(clientId, true, null);
        return switch (random.nextInt(12)) {
            case 0 -> concat(connect, new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}); // 256 MB
            case 1 -> concat(connect, new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
            case 2 -> concat(connect, packet(0x30, raw(new byte[] {'a', '/', (byte) 0xC3, 0x28}), bytes("x")));
            case 3 -> concat(connect, packet(0x30, raw(new byte[] {'a', 0, 'b'}), bytes("x")));
            case 4 -> concat(connect, packet(0x82, id(1), raw(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), new byte[] {1}));
            case 5 -> packet(0x30, string("before/connect"), bytes("x")); // wrong order
            case 6 -> concat(connect, connect); // a second CONNECT
            case 7 -> repeat(connect, 50); // a flood of CONNECTs on one connection
            case 8 -> concat(connect, packet(0x20, new byte[] {0, 0}), packet(0x90, id(1), new byte[] {0}));
            case 9 -> concat(connect, packet(0x34, string("qos/2"), id(1), bytes("x"))); // QoS 2
            case 10 -> concat(connect, packet(0x30, new byte[] {0x7F, 0x7F, 'a'})); // topic longer than the packet
            default -> concat(connect, packet(0x30, string("big/" + clientId), new byte[131_073])); // over 128 KB
        };
    }

    private byte[] connect(String clientId, boolean cleanSession, String willTopic) {
        int flags = (cleanSession ? 0x02 : 0) | (willTopic != null ? 0x04 | 0x08 : 0);
        List<byte[]> parts = new ArrayList<>(List.of(string("MQTT"), new byte[] {4, (byte) flags, 0, 60}, string(clientId)));
        if (willTopic != null) {
            parts.add(string(willTopic));
            parts.add(string("gone"));
        }
        return packet(0x10, parts.toArray(byte[][]::new));
    }

    static byte[] packet(int firstByte, byte[]... parts) {
        byte[] body = concat(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 128 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] repeat(byte[] part, int times) {
        byte[][] parts = new byte[times][];
        java.util.Arrays.fill(parts, part);
        return concat(parts);
    }

    static byte[] string(String value) {
        return raw(value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] raw(byte[] value) {
        return concat(new byte[] {(byte) (value.length >> 8), (byte) value.length}, value);
    }

    static byte[] id(int packetId) {
        return new byte[] {(byte) (packetId >> 8), (byte) packetId};
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks what a broker sent back: whole MQTT packets of the kinds a broker sends (CONNACK, PUBLISH, PUBACK, SUBACK,
     * UNSUBACK, PINGRESP), possibly cut at the end by the close. Returns null when fine, else what is wrong.
     */
    static String checkAnswer(byte[] answer) {
        int at = 0;
        while (at < answer.length) {
            int type = (answer[at] & 0xFF) >> 4;
            if (type != 2 && type != 3 && type != 4 && type != 9 && type != 11 && type != 13) {
                return "a packet of type " + type + " at byte " + at;
            }
            int length = 0;
            int i = at + 1;
            for (int digits = 0; i < answer.length; digits++, i++) {
                length += (answer[i] & 0x7F) << (7 * digits);
                if ((answer[i] & 0x80) == 0 || digits == 3) {
                    break;
                }
            }
            at = i + 1 + length;
        }
        return null;
    }
}
