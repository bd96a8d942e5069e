package dev.iotlocal.edge;

import dev.iotlocal.broker.ClientConnection;
import dev.iotlocal.broker.ClientOrigin;
import dev.iotlocal.broker.ClientTransport;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.sigv4.SigV4Verifier;
import dev.iotlocal.sigv4.Verification;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /mqtt}: MQTT over WebSocket as AWS IoT serves it. The upgrade is refused with 403 unless the presigned
 * SigV4 query is valid; an accepted connection goes to the broker's device gateway, as a TCP client's would.
 */
final class MqttWebSocket {

    static final String PATH = "/mqtt";
    static final String SERVICE = "iotdevicegateway";
    /** The access key that signed the URL, carried from the upgrade request to the WebSocket session. */
    private static final String PRINCIPAL = "iotlocal.principal";

    private static final Logger log = LoggerFactory.getLogger("iot.websocket");

    private final SigV4Verifier verifier;
    private final MqttBroker broker;
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

    MqttWebSocket(SigV4Verifier verifier, MqttBroker broker) {
        this.verifier = verifier;
        this.broker = broker;
    }

    /** Runs before the upgrade: a refused request never reaches the broker. */
    void checkUpgrade(Context ctx) {
        Verification verification = verifier.verifyPresignedUrl(SignedRequests.of(ctx, new byte[0]), SERVICE);
        if (verification instanceof Verification.Refused refused) {
            log.warn("Refused WebSocket upgrade from {}: {} ({})", ctx.ip(), refused.message(), refused.reason().code());
            AwsErrors.refuseUpgrade(ctx, 403, "ForbiddenException", refused.message(), refused.reason().code());
            ctx.skipRemainingHandlers();
        } else if (verification instanceof Verification.Accepted accepted) {
            ctx.attribute(PRINCIPAL, accepted.credential().accessKeyId());
        }
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ZERO); // MQTT keep-alive decides, not the HTTP server
            String principal = ctx.attribute(PRINCIPAL);
            ClientOrigin origin = new ClientOrigin(ipOf(ctx.session.getRemoteSocketAddress()),
                    principal == null ? "" : principal);
            connections.put(ctx.sessionId(), broker.connect(origin, new ToWebSocket(ctx)));
        });
        ws.onBinaryMessage(ctx -> {
            ClientConnection connection = connections.get(ctx.sessionId());
            if (connection != null) {
                // Jetty reuses its buffer once this returns; the relay writes asynchronously.
                ByteBuffer data = ctx.data();
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data.duplicate()).flip();
                connection.send(copy);
            }
        });
        ws.onMessage(ctx -> {
            log.warn("Closing WebSocket {}: MQTT travels in binary frames, not text", ctx.sessionId());
            ctx.closeSession(1003, "MQTT over WebSocket uses binary frames");
        });
        ws.onClose(ctx -> closeBrokerSide(ctx.sessionId()));
        ws.onError(ctx -> closeBrokerSide(ctx.sessionId()));
    }

    private static String ipOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    private void closeBrokerSide(String sessionId) {
        ClientConnection connection = connections.remove(sessionId);
        if (connection != null) {
            connection.close();
        }
    }

    private static final class ToWebSocket implements ClientTransport {
        private final WsContext ctx;

        ToWebSocket(WsContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void deliver(ByteBuffer bytes) {
            if (ctx.session.isOpen()) {
                ctx.send(bytes);
            }
        }

        @Override
        public void closed() {
            if (ctx.session.isOpen()) {
                ctx.closeSession(1000, "MQTT connection closed by the broker");
            }
        }
    }
}
