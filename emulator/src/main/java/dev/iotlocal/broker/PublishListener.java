package dev.iotlocal.broker;

/** Sees every message clients publish: the rules engine's source. Called off the broker's network threads. */
@FunctionalInterface
public interface PublishListener {
    void onPublish(PublishedMessage message);
}
