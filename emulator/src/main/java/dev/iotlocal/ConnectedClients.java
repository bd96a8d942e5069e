package dev.iotlocal;

import dev.iotlocal.broker.PublishListener;
import dev.iotlocal.broker.PublishedMessage;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * The clients connected now, followed through AWS IoT's own lifecycle events
 * ({@code $aws/events/presence/connected|disconnected/<clientId>}), as an AWS user would follow them.
 */
final class ConnectedClients implements PublishListener {

    private static final String CONNECTED = "$aws/events/presence/connected/";
    private static final String DISCONNECTED = "$aws/events/presence/disconnected/";

    private final Set<String> clients = new ConcurrentSkipListSet<>();
    private final Consumer<List<String>> onChange;

    ConnectedClients(Consumer<List<String>> onChange) {
        this.onChange = onChange;
    }

    @Override
    public void onPublish(PublishedMessage message) {
        String topic = message.topic();
        boolean changed = false;
        if (topic.startsWith(CONNECTED)) {
            changed = clients.add(topic.substring(CONNECTED.length()));
        } else if (topic.startsWith(DISCONNECTED)) {
            changed = clients.remove(topic.substring(DISCONNECTED.length()));
        }
        if (changed) {
            onChange.accept(list());
        }
    }

    List<String> list() {
        return List.copyOf(clients);
    }
}
