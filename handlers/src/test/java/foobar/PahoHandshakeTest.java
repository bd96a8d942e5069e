package foobar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.internal.NetworkModule;
import org.eclipse.paho.client.mqttv3.internal.websocket.WebSocketHandshake;
import org.eclipse.paho.client.mqttv3.internal.websocket.WebSocketNetworkModuleFactory;
import org.eclipse.paho.client.mqttv3.internal.websocket.WebSocketSecureNetworkModuleFactory;
import org.eclipse.paho.client.mqttv3.spi.NetworkModuleFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Pins what Paho 1.2.5 puts on the wire for our URLs, without a network: its network module factories pick the
 * port, and its WebSocketHandshake writes the upgrade request into a byte buffer. If a Paho upgrade changes this,
 * these tests say so before AWS IoT answers 403.
 */
class PahoHandshakeTest {

    static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2Fus-east-1"
            + "%2Fiotdevicegateway%2Faws4_request&X-Amz-Signature=abc&X-Amz-Security-Token=a%2Bb%2Fc%3D";

    @ParameterizedTest
    @CsvSource({
            "ws,  127.0.0.1:4566",
            "ws,  localhost",
            "wss, abc-ats.iot.us-east-1.amazonaws.com",
            "wss, abc-ats.iot.us-east-1.amazonaws.com:443",
    })
    void sendsTheHostHeaderIotEndpointSignsForAndKeepsTheQuery(String scheme, String iotHost) throws Exception {
        IotEndpoint endpoint = IotEndpoint.parse(scheme, iotHost, "us-east-1");
        String url = scheme + "://" + endpoint.authority() + "/mqtt?" + QUERY;

        String request = handshakeRequest(url);

        assertThat(request).startsWith("GET /mqtt?" + QUERY + " HTTP/1.1\r\n");
        assertThat(request).contains("\r\nHost: " + endpoint.pahoHostHeader() + "\r\n");
        assertThat(request).contains("\r\nSec-WebSocket-Protocol: mqtt\r\n");
    }

    @Test
    void wssWithoutPortIsSentAsPort443() throws Exception {
        assertThat(handshakeRequest("wss://abc-ats.iot.us-east-1.amazonaws.com/mqtt?" + QUERY))
                .contains("\r\nHost: abc-ats.iot.us-east-1.amazonaws.com:443\r\n");
    }

    @Test
    void theNoDelayFactoriesAreAcceptedForTheirScheme() throws Exception {
        // Paho refuses an SSLSocketFactory for ws:// and anything else for wss:// (reason code 32105).
        assertThat(module("ws://127.0.0.1:4566/mqtt?" + QUERY).getServerURI()).isEqualTo("ws://127.0.0.1:4566");
        assertThat(module("wss://h.example.com/mqtt?" + QUERY).getServerURI()).isEqualTo("wss://h.example.com:443");
    }

    @Test
    void connectOptions() {
        MqttConnectOptions options = MqttChannel.options("wss://h/mqtt", Duration.ofSeconds(10));

        assertThat(options.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
        assertThat(options.isCleanSession()).isTrue();
        assertThat(options.getKeepAliveInterval()).isEqualTo(30);
        assertThat(options.isAutomaticReconnect()).isFalse();
        assertThat(options.getConnectionTimeout()).isEqualTo(10);
        assertThat(options.getSocketFactory()).isInstanceOf(NoDelaySslSocketFactory.class);
        assertThat(MqttChannel.options("ws://h/mqtt", Duration.ofSeconds(3)).getSocketFactory())
                .isInstanceOf(NoDelaySocketFactory.class);
    }

    @Test
    void socketsHaveTcpNoDelay() throws IOException {
        try (var plain = new NoDelaySocketFactory().createSocket();
             var tls = new NoDelaySslSocketFactory().createSocket()) {
            assertThat(plain.getTcpNoDelay()).isTrue();
            assertThat(tls.getTcpNoDelay()).isTrue();
        }
    }

    /** The upgrade request Paho writes for this URL, with the host and port its factory chose. */
    private static String handshakeRequest(String url) throws MqttException {
        URI serverUri = URI.create(module(url).getServerURI()); // scheme://host:port as Paho resolved it
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        byte[] refusal = "HTTP/1.1 403 Forbidden\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        WebSocketHandshake handshake = new WebSocketHandshake(new ByteArrayInputStream(refusal), sent, url,
                serverUri.getHost(), serverUri.getPort(), null);
        assertThatThrownBy(handshake::execute).isInstanceOf(IOException.class); // the refusal; we only want the request
        return sent.toString(StandardCharsets.US_ASCII);
    }

    private static NetworkModule module(String url) throws MqttException {
        URI uri = URI.create(url);
        NetworkModuleFactory factory = uri.getScheme().equals("wss")
                ? new WebSocketSecureNetworkModuleFactory() : new WebSocketNetworkModuleFactory();
        return factory.createNetworkModule(uri, MqttChannel.options(url, Duration.ofSeconds(10)), "test-client");
    }
}
