package dev.iotlocal.broker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * An MQTT 3.1.1 client written byte by byte, independent of Netty's codec, that can send what well-behaved
 * clients refuse to (QoS 2, 9 filters, 129-byte client ids) and can stay silent.
 */
final class RawMqttClient implements AutoCloseable {

    /** A packet as read: its type (1-14), the flags of the first byte, and the rest. */
    record Packet(int type, int flags, byte[] body) {
        static final int CONNACK = 2;
        static final int PUBLISH = 3;
        static final int PUBACK = 4;
        static final int SUBACK = 9;
        static final int UNSUBACK = 11;
        static final int PINGRESP = 13;

        int qos() {
            return (flags >> 1) & 3;
        }

        boolean retain() {
            return (flags & 1) == 1;
        }

        String topic() {
            int length = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
            return new String(body, 2, length, StandardCharsets.UTF_8);
        }

        int publishPacketId() {
            int at = 2 + topic().getBytes(StandardCharsets.UTF_8).length;
            return qos() == 0 ? 0 : ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
        }

        String payload() {
            int at = 2 + topic().getBytes(StandardCharsets.UTF_8).length + (qos() == 0 ? 0 : 2);
            return new String(body, at, body.length - at, StandardCharsets.UTF_8);
        }

        int packetId() {
            return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextPacketId = 1;

    RawMqttClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects as {@code clientId}; returns the CONNACK (body: session present, return code). */
    static RawMqttClient connected(int port, String clientId, boolean cleanSession) throws IOException {
        RawMqttClient client = new RawMqttClient(port);
        Packet connAck = client.connect(clientId, cleanSession, 30);
        if (connAck.type() != Packet.CONNACK || connAck.body()[1] != 0) {
            throw new AssertionError("CONNECT of " + clientId + " refused: " + connAck);
        }
        return client;
    }

    Packet connect(String clientId, boolean cleanSession, int keepAliveSeconds) throws IOException {
        return connect(clientId, cleanSession, keepAliveSeconds, null, 0);
    }

    Packet connect(String clientId, boolean cleanSession, int keepAliveSeconds, String willTopic, int willQos)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        int flags = (cleanSession ? 0x02 : 0) | (willTopic != null ? 0x04 | (willQos << 3) : 0);
        body.write(flags);
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xff);
        writeString(body, clientId);
        if (willTopic != null) {
            writeString(body, willTopic);
            writeString(body, "gone");
        }
        send(0x10, body.toByteArray());
        return read(Duration.ofSeconds(10));
    }

    /** Publishes; for QoS 1 and 2, returns the packet id used. */
    int publish(String topic, byte[] payload, int qos, boolean retain) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        int id = 0;
        if (qos > 0) {
            id = nextPacketId++;
            body.write(id >> 8);
            body.write(id & 0xff);
        }
        body.write(payload);
        send(0x30 | (qos << 1) | (retain ? 1 : 0), body.toByteArray());
        return id;
    }

    void publish(String topic, String payload, int qos, boolean retain) throws IOException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    /** Sends a SUBSCRIBE of the filters, each with {@code qos}, without waiting for the SUBACK. */
    int subscribe(List<String> filters, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int id = nextPacketId++;
        body.write(id >> 8);
        body.write(id & 0xff);
        for (String filter : filters) {
            writeString(body, filter);
            body.write(qos);
        }
        send(0x82, body.toByteArray());
        return id;
    }

    /** Subscribes and returns the SUBACK's return codes. */
    byte[] subscribeAndWait(String filter, int qos) throws IOException {
        subscribe(List.of(filter), qos);
        Packet subAck = read(Duration.ofSeconds(10));
        if (subAck.type() != Packet.SUBACK) {
            throw new AssertionError("Expected a SUBACK, got " + subAck);
        }
        return java.util.Arrays.copyOfRange(subAck.body(), 2, subAck.body().length);
    }

    void pubAck(int packetId) throws IOException {
        send(0x40, new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }

    void pingReq() throws IOException {
        send(0xC0, new byte[0]);
    }

    /** Sends bytes as they are: a packet no well-behaved client would write. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void disconnect() throws IOException {
        send(0xE0, new byte[0]);
    }

    /** The next packet; an AssertionError if the connection closes or nothing comes in time. */
    Packet read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            int first = in.readUnsignedByte();
            int length = 0;
            for (int multiplier = 1; ; multiplier *= 128) {
                int digit = in.readUnsignedByte();
                length += (digit & 127) * multiplier;
                if ((digit & 128) == 0) {
                    break;
                }
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return new Packet(first >> 4, first & 0x0f, body);
        } catch (EOFException e) {
            throw new AssertionError("The broker closed the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("Nothing arrived within " + timeout);
        }
    }

    /** Whether the broker closes the connection within the timeout (packets before the close are skipped). */
    boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout((int) left);
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the broker
        }
    }

    private void send(int firstByte, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 128 : digit);
        } while (length > 0);
        packet.write(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
