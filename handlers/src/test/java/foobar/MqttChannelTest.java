package foobar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connecting over a WebSocket whose upgrade is answered late: Paho 1.2.5 waits only one second for the answer,
 * whatever its connection timeout, so a slow answer is tried again while the timeout leaves room.
 */
class MqttChannelTest {

    @Test
    @Timeout(30)
    void anUpgradeAnsweredAfterPahosSecondIsTriedAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
                // The first upgrade is never answered: Paho gives up on it after its second.
                try (Socket slow = server.accept(); Socket prompt = acceptAfterReading(server, slow)) {
                    answerUpgrade(prompt, readUpgrade(prompt.getInputStream()));
                    readFrame(prompt.getInputStream()); // CONNECT
                    prompt.getOutputStream().write(new byte[] {(byte) 0x82, 4, 0x20, 2, 0, 0}); // CONNACK
                    prompt.getOutputStream().flush();
                    readFrame(prompt.getInputStream()); // DISCONNECT, when the channel closes
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            try (MqttChannel channel = MqttChannel.connect("ws://127.0.0.1:" + server.getLocalPort() + "/mqtt", "fn-1",
                    Duration.ofSeconds(10))) {
                assertThat(channel.attempts()).isEqualTo(2);
            }
            broker.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(30)
    void noAttemptIsStartedThatTheTimeoutCannotHold() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket slow = server.accept()) {
                    readUpgrade(slow.getInputStream());
                    Thread.sleep(3000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });

            assertThatThrownBy(() -> MqttChannel.connect("ws://127.0.0.1:" + server.getLocalPort() + "/mqtt", "fn-1",
                    Duration.ofMillis(1500)))
                    .isInstanceOfSatisfying(MqttException.class, e ->
                            assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class));
        }
    }

    private static Socket acceptAfterReading(ServerSocket server, Socket first) throws IOException {
        readUpgrade(first.getInputStream());
        return server.accept();
    }

    /** Reads the upgrade request; returns its Sec-WebSocket-Key. */
    private static String readUpgrade(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
        String key = null;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                key = line.substring(18).trim();
            }
        }
        return key;
    }

    private static void answerUpgrade(Socket socket, String key) throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one masked client frame of under 126 bytes. */
    private static void readFrame(InputStream in) throws IOException {
        in.read(); // FIN and opcode
        int length = in.read() & 0x7f;
        in.readNBytes(4 + length); // mask and payload
    }
}
