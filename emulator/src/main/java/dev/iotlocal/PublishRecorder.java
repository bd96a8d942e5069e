package dev.iotlocal;

import dev.iotlocal.broker.PublishListener;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.rules.sql.TopicFilter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/** The messages published to the broker, for tests to take; bounded, so a long run does not grow. */
final class PublishRecorder implements PublishListener {

    private static final int CAPACITY = 10_000;

    private final Deque<PublishedMessage> messages = new ArrayDeque<>();

    @Override
    public synchronized void onPublish(PublishedMessage message) {
        if (messages.size() == CAPACITY) {
            messages.removeFirst();
        }
        messages.addLast(message);
        notifyAll();
    }

    /** Removes and returns the oldest message whose topic matches the filter (AWS IoT's matching). */
    synchronized Optional<PublishedMessage> take(String topicFilter, Duration timeout) throws InterruptedException {
        TopicFilter filter = TopicFilter.parse(topicFilter);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<PublishedMessage> it = messages.iterator(); it.hasNext(); ) {
                PublishedMessage message = it.next();
                if (filter.matches(message.topic())) {
                    it.remove();
                    return Optional.of(message);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }

    synchronized void clear() {
        messages.clear();
    }
}
