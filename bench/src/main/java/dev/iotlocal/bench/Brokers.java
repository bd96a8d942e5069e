package dev.iotlocal.bench;

import dev.iotlocal.sigv4.Credential;
import dev.iotlocal.sigv4.IotWebSocketPresigner;

import java.time.Clock;

/** The client URLs of each broker under test. */
final class Brokers {

    private Brokers() {
    }

    /** One way in to a broker, e.g. "emulator, WebSocket". */
    interface Endpoint {
        String label();

        /** A new URL for each client: presigned URLs carry the time they were signed. */
        String url();
    }

    static Endpoint emulatorTcp(EmulatorProcess emulator) {
        return endpoint("emulator TCP", () -> "tcp://127.0.0.1:" + emulator.mqttPort());
    }

    /** Presigned with the emulator's client credentials, as a browser's URL is. */
    static Endpoint emulatorWebSocket(EmulatorProcess emulator) {
        IotWebSocketPresigner presigner = new IotWebSocketPresigner(emulator.region(), Clock.systemUTC());
        return endpoint("emulator WebSocket", () ->
                presigner.presign("ws", "127.0.0.1:" + emulator.edgePort(), Credential.of("test", "test")).toString());
    }

    static Endpoint mosquittoTcp(Mosquitto mosquitto) {
        return endpoint("Mosquitto TCP", () -> "tcp://127.0.0.1:" + mosquitto.tcpPort());
    }

    static Endpoint mosquittoWebSocket(Mosquitto mosquitto) {
        return endpoint("Mosquitto WebSocket", () -> "ws://127.0.0.1:" + mosquitto.webSocketPort() + "/mqtt");
    }

    private static Endpoint endpoint(String label, java.util.function.Supplier<String> url) {
        return new Endpoint() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public String url() {
                return url.get();
            }
        };
    }
}
