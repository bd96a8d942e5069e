package dev.iotlocal.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where accepted messages go besides Moquette's subscribers: the retained store and the listener (the rules
 * engine); Basic Ingest messages go to their rule only.
 */
final class MessageRouter {

    private static final Logger log = LoggerFactory.getLogger("iot.broker");

    private final EmbeddedMoquette moquette;
    private final RetainedMessages retained;
    private final PublishListener listener;
    private final Set<String> servicesWarnedAbout = ConcurrentHashMap.newKeySet();

    MessageRouter(EmbeddedMoquette moquette, RetainedMessages retained, PublishListener listener) {
        this.moquette = moquette;
        this.retained = retained;
        this.listener = listener;
    }

    /** A message published by the emulator itself (HTTP publish, republish, wills, lifecycle events). */
    void publish(PublishedMessage message) {
        if (toBasicIngest(message)) {
            return;
        }
        retained.update(message.topic(), message.payload(), message.qos(), message.retain());
        moquette.publish(message.topic(), message.payload(), message.qos());
        notifyListener(message);
    }

    /** A client's message, which the client's connection forwards to Moquette itself unless this returns false. */
    boolean accept(PublishedMessage message) {
        if (toBasicIngest(message)) {
            return false;
        }
        retained.update(message.topic(), message.payload(), message.qos(), message.retain());
        notifyListener(message);
        return true;
    }

    RetainedMessages retained() {
        return retained;
    }

    private boolean toBasicIngest(PublishedMessage message) {
        return Topics.basicIngestRule(message.topic()).map(rule -> {
            try {
                listener.onBasicIngest(rule, message);
            } catch (RuntimeException e) {
                log.error("Handling a Basic Ingest message to {} failed", message.topic(), e);
            }
            return true;
        }).orElse(false);
    }

    private void notifyListener(PublishedMessage message) {
        if (message.topic().startsWith("$aws/") && !message.topic().startsWith("$aws/events/")) {
            Topics.serviceOf(message.topic()).filter(servicesWarnedAbout::add).ifPresent(service -> log.warn(
                    "A message to {} went to subscribers and rules, but iotlocal does not emulate AWS IoT's {} service:"
                            + " no answer will come on its accepted/rejected topics.", message.topic(), service));
        }
        try {
            listener.onPublish(message);
        } catch (RuntimeException e) {
            log.error("Handling a message published to {} failed", message.topic(), e);
        }
    }
}
