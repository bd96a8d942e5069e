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
            CompletableFuture.runAsync(() -> {
                // The first upgrade is never answered: Paho gives up on it after its second. Later ones are.
                try (Socket unanswered = server.accept()) {
                    readUpgrade(unanswered.getInputStream());
                    while (true) {
                        Socket prompt = server.accept();
                        CompletableFuture.runAsync(() -> serve(prompt));
                    }
                } catch (IOException e) {
                    // the server socket closed: the test is over
                }
            });

            try (MqttChannel channel = MqttChannel.connect("ws://127.0.0.1:" + server.getLocalPort() + "/mqtt", "fn-1",
                    Duration.ofSeconds(10))) {
                assertThat(channel.attempts()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    @Timeout(30)
    void aSlowUpgradeWithNoTimeLeftFailsWithPahosReadTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket unanswered = server.accept()) {
                    readUpgrade(unanswered.getInputStream());
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

    @Test
    @Timeout(30)
    void aConnectAnsweredAfterItsTimeoutIsDisconnectedNotLeftOpen() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterConnack = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    answerUpgrade(socket, readUpgrade(socket.getInputStream()));
                    readFrame(socket.getInputStream()); // CONNECT
                    Thread.sleep(1500); // past the client's 1 s
                    socket.getOutputStream().write(new byte[] {(byte) 0x82, 4, 0x20, 2, 0, 0}); // CONNACK
                    socket.getOutputStream().flush();
                    socket.setSoTimeout(8000);
                    socket.getInputStream().read(); // FIN and opcode of the next frame
                    socket.getInputStream().read(); // masked, length
                    socket.getInputStream().readNBytes(4); // mask
                    return socket.getInputStream().read(); // the first byte of the packet, masked
                } catch (SocketTimeoutException e) {
                    return -2; // nothing came: the connection was left open
                } catch (IOException | InterruptedException e) {
                    return -3;
                }
            });

            assertThatThrownBy(() -> MqttChannel.connect("ws://127.0.0.1:" + server.getLocalPort() + "/mqtt", "fn-1",
                    Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(MqttException.class, e ->
                            assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_CLIENT_TIMEOUT));

            int firstByte = afterConnack.get(20, TimeUnit.SECONDS);
            assertThat(firstByte).as("what came after the late CONNACK (-2: nothing within 8 s)").isNotNegative();
        }
    }

    @Test
    void anotherAttemptIsMadeOnlyWhenTheTimeLeftHoldsAWholeOneAfterThePause() {
        assertThat(MqttChannel.roomForAnotherAttempt(Duration.ofSeconds(9), 1)).isTrue();
        assertThat(MqttChannel.roomForAnotherAttempt(Duration.ofMillis(1200), 1)).isTrue();
        assertThat(MqttChannel.roomForAnotherAttempt(Duration.ofMillis(1199), 1)).isFalse();
        assertThat(MqttChannel.roomForAnotherAttempt(Duration.ofMillis(1500), 3)).isFalse();
        assertThat(MqttChannel.roomForAnotherAttempt(Duration.ofMillis(-5), 1)).isFalse();
    }

    /** Answers the upgrade and the CONNECT, then waits for the client to go. */
    private static void serve(Socket socket) {
        try (socket) {
            answerUpgrade(socket, readUpgrade(socket.getInputStream()));
            readFrame(socket.getInputStream()); // CONNECT
            socket.getOutputStream().write(new byte[] {(byte) 0x82, 4, 0x20, 2, 0, 0}); // CONNACK
            socket.getOutputStream().flush();
            readFrame(socket.getInputStream()); // DISCONNECT, when the channel closes
        } catch (IOException e) {
            // the client went away
        }
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
