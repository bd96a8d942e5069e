package foobar;

import java.util.Locale;
import java.util.Map;

/**
 * The AWS IoT data endpoint a WebSocket client connects to, from the environment:
 * AWS_IOT_HOST (host or host:port), IOT_WEBSOCKET_SCHEME (wss by default, ws for a local emulator), AWS_REGION.
 *
 * <p>The host is lower-cased: DNS ignores case, browsers lower-case it anyway, and the Host header the
 * signature covers must be byte-for-byte what the client sends.
 */
record IotEndpoint(String scheme, String host, int port, String region) {

    static final String PATH = "/mqtt";
    static final int NO_PORT = -1;

    IotEndpoint {
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalStateException("IOT_WEBSOCKET_SCHEME must be 'wss' (AWS) or 'ws' (plain local emulator), got '"
                    + scheme + "'");
        }
    }

    static IotEndpoint fromEnvironment(Map<String, String> env) {
        String scheme = Env.optional(env, "IOT_WEBSOCKET_SCHEME", "wss").toLowerCase(Locale.ROOT);
        String hostAndPort = Env.required(env, "AWS_IOT_HOST",
                "set it to your data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS), e.g. "
                        + "xxxx-ats.iot.us-east-1.amazonaws.com, or 127.0.0.1:4566 for the emulator");
        String region = Env.required(env, "AWS_REGION", "Lambda sets it; set it yourself when running elsewhere");
        return parse(scheme, hostAndPort, region);
    }

    static IotEndpoint parse(String scheme, String hostAndPort, String region) {
        if (hostAndPort.contains("/") || hostAndPort.contains("@") || hostAndPort.contains("?")) {
            throw new IllegalStateException("AWS_IOT_HOST must be a host or host:port, without scheme or path, got '"
                    + hostAndPort + "'");
        }
        String value = hostAndPort.toLowerCase(Locale.ROOT);
        // An IPv6 literal keeps its brackets, as in a URL: [::1]:4566
        int colon = value.startsWith("[") ? value.indexOf(':', value.indexOf(']')) : value.lastIndexOf(':');
        if (colon < 0) {
            return new IotEndpoint(scheme, requireHost(value, hostAndPort), NO_PORT, region);
        }
        String host = requireHost(value.substring(0, colon), hostAndPort);
        return new IotEndpoint(scheme, host, parsePort(value.substring(colon + 1), hostAndPort), region);
    }

    boolean secure() {
        return scheme.equals("wss");
    }

    /** Host[:port] as configured: the authority of the URLs handed out. */
    String authority() {
        return port == NO_PORT ? host : host + ":" + port;
    }

    int effectivePort() {
        return port == NO_PORT ? defaultPort() : port;
    }

    /** What a browser sends as Host: the URL standard drops the scheme's default port. */
    String browserHostHeader() {
        return effectivePort() == defaultPort() ? host : host + ":" + effectivePort();
    }

    /**
     * What Paho 1.2.5 sends as Host. Its WebSocket network module factories default the port to 80 (ws) or
     * 443 (wss), and WebSocketHandshake.sendHandshakeRequest writes "Host: host:port" unless the port is 80.
     * So wss://x/mqtt is sent with "Host: x:443"; AWS IoT canonicalises the header as received, so the
     * signature must cover "x:443" too (eclipse-paho/paho.mqtt.java#830).
     */
    String pahoHostHeader() {
        return effectivePort() == 80 ? host : host + ":" + effectivePort();
    }

    private int defaultPort() {
        return secure() ? 443 : 80;
    }

    private static String requireHost(String host, String original) {
        if (host.isEmpty()) {
            throw new IllegalStateException("AWS_IOT_HOST has no host name: '" + original + "'");
        }
        return host;
    }

    private static int parsePort(String text, String original) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalStateException("AWS_IOT_HOST has an invalid port (1-65535 expected): '" + original + "'");
    }
}
