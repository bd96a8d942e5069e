package foobar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PONG conversation against a broker played byte by byte over TCP, so that it can do what a real broker does
 * only under load: send a request again, flagged DUP, because the PUBACK came late.
 */
class PongSessionTest {

    private static final ChannelId CHANNEL = new ChannelId("c1");

    @Test
    @Timeout(30)
    void aRedeliveryOfAnAnsweredRequestIsNotAnsweredAgain() throws Exception {
        FakeContext context = new FakeContext(60_000);
        String summary = session(context, (in, out) -> {
            out.write(publish(false, 1, CHANNEL.requestTopic(), "PING"));
            exchange(in, out, 1, 1);
            out.write(publish(true, 1, CHANNEL.requestTopic(), "PING")); // the broker's resend: our PUBACK was late
            out.write(publish(false, 2, CHANNEL.requestTopic(), "PING"));
            exchange(in, out, 1, 2); // then hang up
        });

        // Had the redelivery been answered, the hang-up would have cut the answer to request 2.
        assertThat(summary).startsWith("channel c1: answered 2 request(s), stopped: connection lost");
        assertThat(context.logLines).anyMatch(line -> line.startsWith("a redelivery (DUP) of request packet 1"));
    }

    @Test
    @Timeout(30)
    void aRedeliveryWhoseFirstCopyNeverCameIsAnswered() throws Exception {
        FakeContext context = new FakeContext(60_000);
        String summary = session(context, (in, out) -> {
            out.write(publish(false, 1, CHANNEL.requestTopic(), "PING"));
            exchange(in, out, 1, 1);
            // The broker could not write packet 2 the first time (its channel was full) and resends it, flagged.
            out.write(publish(true, 2, CHANNEL.requestTopic(), "PING"));
            exchange(in, out, 1, 1);
        });

        assertThat(summary).startsWith("channel c1: answered 2 request(s), stopped: connection lost");
    }

    interface Script {
        void play(DataInputStream in, OutputStream out) throws IOException;
    }

    /**
     * Runs a PongSession against a broker that accepts it, lets it subscribe and say ready, plays the script and
     * hangs up; returns the session's summary.
     */
    private static String session(FakeContext context, Script script) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    expect(in, 1); // CONNECT
                    out.write(new byte[] {0x20, 2, 0, 0});
                    int subscribe = packetId(expect(in, 8).body(), 0);
                    out.write(new byte[] {(byte) 0x90, 3, (byte) (subscribe >> 8), (byte) subscribe, 1});
                    Packet ready = expect(in, 3);
                    out.write(pubAck(packetId(ready.body(), topicLength(ready.body()))));
                    script.play(in, out);
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            TimeBudget budget = new TimeBudget(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30),
                    System::nanoTime);
            try (MqttChannel channel = MqttChannel.connect("tcp://127.0.0.1:" + server.getLocalPort(), "fn-1",
                    Duration.ofSeconds(5))) {
                String summary = new PongSession(channel, CHANNEL, budget, context.getLogger()).run();
                broker.get(10, TimeUnit.SECONDS);
                return summary;
            }
        }
    }

    /** Reads until {@code pongs} PONGs (each acknowledged) and {@code acks} PUBACKs have come. */
    private static void exchange(DataInputStream in, OutputStream out, int pongs, int acks) throws IOException {
        while (pongs > 0 || acks > 0) {
            Packet packet = read(in);
            if (packet.type() == 3) {
                pongs--;
                out.write(pubAck(packetId(packet.body(), topicLength(packet.body()))));
            } else if (packet.type() == 4) {
                acks--;
            }
        }
    }

    private record Packet(int type, byte[] body) {
    }

    private static Packet expect(DataInputStream in, int type) throws IOException {
        Packet packet = read(in);
        assertThat(packet.type()).as("MQTT packet type").isEqualTo(type);
        return packet;
    }

    private static Packet read(DataInputStream in) throws IOException {
        int header = in.readUnsignedByte();
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(header >> 4, body);
    }

    private static int topicLength(byte[] publishBody) {
        return 2 + packetId(publishBody, 0);
    }

    private static int packetId(byte[] body, int offset) {
        return ((body[offset] & 0xff) << 8) | (body[offset + 1] & 0xff);
    }

    private static byte[] pubAck(int id) {
        return new byte[] {0x40, 2, (byte) (id >> 8), (byte) id};
    }

    private static byte[] publish(boolean dup, int id, String topic, String payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(t.length >> 8);
        body.write(t.length);
        body.writeBytes(t);
        body.write(id >> 8);
        body.write(id);
        body.writeBytes(p);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(dup ? 0x3A : 0x32);
        packet.write(body.size()); // under 128 bytes: one length byte
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
