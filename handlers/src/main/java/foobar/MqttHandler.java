package foobar;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Invoked asynchronously by the IoT rule on foobar/session with {"channelId": "..."}: connects to AWS IoT
 * over a presigned WebSocket URL and answers every request on foobar/{channelId}/request with PONG on
 * foobar/{channelId}/response, until IDLE_TIMEOUT_SECONDS pass without a request or the function's deadline
 * comes near.
 */
public final class MqttHandler implements RequestHandler<Map<String, Object>, String> {

    static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);
    /** Left before the deadline for DISCONNECT, close and return. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(2000);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final IotPresigner presigner;
    private final AwsCredentialsProvider credentials;

    /** Used by Lambda: one instance per execution environment. */
    public MqttHandler() {
        this(System.getenv(), Clock.systemUTC(), DefaultCredentialsProvider.builder().build());
    }

    MqttHandler(Map<String, String> env, Clock clock, AwsCredentialsProvider credentials) {
        this.env = env;
        this.presigner = new IotPresigner(clock);
        this.credentials = credentials;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        ChannelId channelId = ChannelId.fromEvent(event);
        IotEndpoint endpoint = IotEndpoint.fromEnvironment(env);
        Duration idle = idleTimeout(env);
        TimeBudget budget = new TimeBudget(
                Duration.ofMillis(context.getRemainingTimeInMillis()), SAFETY_MARGIN, idle, System::nanoTime);
        LambdaLogger log = context.getLogger();

        // A connect that times out may be waited for while closing (MqttChannel.CONNECT_SETTLE): that comes off too.
        Duration connectTimeout = min(CONNECT_TIMEOUT, budget.untilDeadline().minus(MqttChannel.CONNECT_SETTLE));
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            String summary = "channel " + channelId.value() + ": not started, only "
                    + context.getRemainingTimeInMillis() + " ms left before the deadline";
            log.log(summary);
            return summary;
        }
        // Signed for the Host header Paho will send (host:443 for wss): see IotEndpoint.pahoHostHeader().
        String url = presigner.presign(endpoint, endpoint.pahoHostHeader(), credentials.resolveCredentials());
        String clientId = "foobar-mqtt-" + channelId.value();
        log.log("connecting as " + clientId + " to " + endpoint.scheme() + "://" + endpoint.authority()
                + IotEndpoint.PATH + " (idle timeout " + idle.toSeconds() + " s)");
        try (MqttChannel channel = MqttChannel.connect(url, clientId, connectTimeout)) {
            log.log(channel.attempts() == 1 ? "connected" : "connected at attempt " + channel.attempts()
                    + " (Paho gave up on a WebSocket upgrade answered after more than 1 s)");
            return new PongSession(channel, channelId, budget, log).run();
        } catch (MqttException e) {
            throw new IllegalStateException(describe(e, endpoint, clientId), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while serving channel " + channelId.value(), e);
        }
    }

    static String describe(MqttException e, IotEndpoint endpoint, String clientId) {
        String text = "MQTT over WebSocket to " + endpoint.authority() + " failed for client " + clientId + ": " + e;
        if (String.valueOf(e.getCause()).contains("WebSocket Response header")) {
            // Paho 1.2.5 never reads the HTTP status line, so a refused upgrade only shows as missing headers.
            text += "; the server refused the WebSocket upgrade (a 403 for a wrong or expired signature, clock skew"
                    + " or a Host header that differs from the signed one looks like this in Paho 1.2.5)";
        }
        return text;
    }

    static Duration idleTimeout(Map<String, String> env) {
        String text = Env.optional(env, "IDLE_TIMEOUT_SECONDS", String.valueOf(DEFAULT_IDLE.toSeconds()));
        try {
            long seconds = Long.parseLong(text);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalStateException("IDLE_TIMEOUT_SECONDS must be a positive whole number of seconds, got '"
                + text + "'");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
