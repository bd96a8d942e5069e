package foobar;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The conversation on one channel: subscribe to the request topic, say "ready" on the response topic, then
 * answer every request with PONG until the budget says stop or the connection goes away.
 */
final class PongSession {

    static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] PONG = "{\"message\":\"PONG\"}".getBytes(StandardCharsets.UTF_8);

    private final MqttChannel channel;
    private final ChannelId channelId;
    private final TimeBudget budget;
    private final LambdaLogger log;
    /** Packet ids of the requests answered on this connection; a broker reuses an id only once it is acknowledged. */
    private final Set<Integer> answeredIds = new HashSet<>();

    PongSession(MqttChannel channel, ChannelId channelId, TimeBudget budget, LambdaLogger log) {
        this.channel = channel;
        this.channelId = channelId;
        this.budget = budget;
        this.log = log;
    }

    /** Runs the session; returns a one-line summary. Only the subscription failing is thrown. */
    String run() throws MqttException, InterruptedException {
        channel.subscribe(channelId.requestTopic(), budget.untilDeadline());
        log.log("subscribed to " + channelId.requestTopic());
        // The browser may have published before this subscription existed: "ready" tells it to start now.
        channel.publish(channelId.responseTopic(), READY, budget.untilDeadline());
        log.log("sent ready on " + channelId.responseTopic());
        budget.activity(); // the idle period starts when the browser may start sending

        int answered = 0;
        while (true) {
            Duration wait = budget.untilStop();
            if (wait.compareTo(Duration.ZERO) <= 0) {
                return stop(answered, budget.reason() == TimeBudget.Stop.IDLE ? "idle" : "deadline near");
            }
            MqttChannel.Inbound inbound = channel.next(wait);
            if (inbound == null) {
                continue; // the budget decides on the next turn
            }
            if (inbound instanceof MqttChannel.Lost lost) {
                return stop(answered, "connection lost (" + lost.cause() + ")");
            }
            MqttChannel.Message message = (MqttChannel.Message) inbound;
            budget.activity();
            // A redelivery (DUP) of a request answered on this connection would give the browser a second PONG it
            // cannot tell from a new one. A DUP whose first copy never came (a broker may drop it) is answered.
            if (!isNewRequest(message)) {
                log.log("a redelivery (DUP) of request packet " + message.packetId() + " already answered on "
                        + message.topic() + ": not answered again");
                continue;
            }
            if (budget.untilDeadline().compareTo(Duration.ZERO) <= 0) {
                return stop(answered, "deadline near");
            }
            try {
                channel.publish(channelId.responseTopic(), PONG, budget.untilDeadline());
            } catch (MqttException e) {
                return stop(answered, "publish failed (" + e + ")");
            }
            answered++;
            log.log("request " + answered + " (" + message.payload().length + " bytes on " + message.topic()
                    + ") answered with PONG");
        }
    }

    /** Records the request's packet id; false for a redelivery of one already answered. */
    private boolean isNewRequest(MqttChannel.Message message) {
        if (!message.redelivery()) {
            answeredIds.add(message.packetId()); // a new message, even if its id was used before
            return true;
        }
        return answeredIds.add(message.packetId());
    }

    private String stop(int answered, String why) {
        String summary = "channel " + channelId.value() + ": answered " + answered + " request(s), stopped: " + why;
        log.log(summary);
        return summary;
    }
}
