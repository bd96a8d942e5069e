package foobar;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
            if (message.redelivery()) {
                // A clean session on one connection: the first copy came before this one (TCP keeps order) and was
                // answered. Answering again would send the browser a second PONG it cannot tell from a new one.
                log.log("a redelivery (DUP) of a request already answered on " + message.topic() + ": not answered again");
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

    private String stop(int answered, String why) {
        String summary = "channel " + channelId.value() + ": answered " + answered + " request(s), stopped: " + why;
        log.log(summary);
        return summary;
    }
}
