package dev.iotlocal.rules;

import dev.iotlocal.broker.PublishListener;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.rules.sql.MessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rules engine: every message published to the broker is matched against each enabled rule's topic filter,
 * its SQL evaluated, and the result handed to the rule's actions; the actions that fail are reported to the
 * rule's error action in one message.
 *
 * <p>Each rule has a lane of its own: up to {@value #THREADS_PER_RULE} of its messages are handled at once,
 * the rest wait in the lane's unbounded queue. So the broker's threads only ever enqueue, no message is dropped,
 * and a slow rule delays only its own messages, never another rule's.
 */
public final class RulesEngine implements PublishListener, AutoCloseable {

    static final int THREADS_PER_RULE = 8;

    private static final Logger log = LoggerFactory.getLogger("rules");

    private final List<TopicRule> rules;
    private final List<Lane> lanes = new ArrayList<>();
    private final String accountId;
    private final ActionTargets targets;
    private volatile boolean closed;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> matched = new java.util.concurrent.ConcurrentHashMap<>();

    private record Lane(TopicRule rule, ThreadPoolExecutor executor) {
    }

    public RulesEngine(List<TopicRule> rules, String accountId, ActionTargets targets) {
        this.rules = List.copyOf(rules);
        this.accountId = accountId;
        this.targets = targets;
        for (TopicRule rule : this.rules) {
            if (rule.enabled()) {
                lanes.add(new Lane(rule, laneFor(rule)));
            }
        }
    }

    private static ThreadPoolExecutor laneFor(TopicRule rule) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS_PER_RULE, THREADS_PER_RULE, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "rule-" + rule.name() + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true); // an idle rule holds no thread
        return executor;
    }

    public List<TopicRule> rules() {
        return rules;
    }

    /** How many messages the rule's SQL selected (matched its topic filter and WHERE) since start. */
    public long matched(String ruleName) {
        java.util.concurrent.atomic.AtomicLong count = matched.get(ruleName);
        return count == null ? 0 : count.get();
    }

    /** Called on the broker's threads: only matches topics and enqueues. */
    @Override
    public void onPublish(PublishedMessage message) {
        if (closed) {
            return;
        }
        Arrival arrival = null;
        for (Lane lane : lanes) {
            if (lane.rule().sql().from().matches(message.topic())) {
                if (arrival == null) {
                    arrival = arrival(message);
                }
                Arrival a = arrival;
                try {
                    lane.executor().execute(() -> evaluate(lane.rule(), a));
                } catch (RejectedExecutionException e) {
                    return; // closed meanwhile
                }
            }
        }
    }

    /** One message as every rule sees it: one trace id and one timestamp for all of them. */
    private record Arrival(MessageContext context, String traceId) {
    }

    /**
     * What the context functions return (iot-sql-functions.md). A message the emulator published itself (HTTP
     * publish, republish) did not come over MQTT: clientid() is "n/a" and traceid() Undefined. principal() is the
     * access key id that signed the WebSocket connection or HTTP publish (AWS gives the IAM user id, which the
     * emulator does not have), Undefined for unsigned MQTT over TCP (AWS: the certificate, which it does not check).
     */
    private Arrival arrival(PublishedMessage message) {
        boolean overMqtt = !message.clientId().isEmpty();
        String traceId = UUID.randomUUID().toString();
        MessageContext context = new MessageContext(message.topic(), message.payload(),
                overMqtt ? message.clientId() : null,
                message.principal().isEmpty() ? null : message.principal(), message.receivedAt().toEpochMilli(),
                overMqtt ? traceId : null, accountId);
        return new Arrival(context, traceId);
    }

    private void evaluate(TopicRule rule, Arrival arrival) {
        Optional<byte[]> selected;
        try {
            selected = rule.sql().apply(arrival.context());
        } catch (RuntimeException e) {
            log.error("Rule {}: evaluating its SQL on a message to {} failed", rule.name(), arrival.context().topic(), e);
            return;
        }
        if (selected.isEmpty()) {
            return;
        }
        matched.computeIfAbsent(rule.name(), name -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        RuleOutput output = new RuleOutput(rule.name(), arrival.context(), arrival.traceId(), selected.get());
        List<ErrorMessage.Failure> failures = new ArrayList<>();
        for (RuleAction action : rule.actions()) {
            try {
                action.perform(output, targets);
                log.debug("Rule {} matched {}: {} performed", rule.name(), output.message().topic(), action.actionName());
            } catch (ActionFailedException e) {
                log.warn("Rule {}: {} failed: {}", rule.name(), action.actionName(), e.getMessage());
                failures.add(new ErrorMessage.Failure(action.actionName(), e.failedResource(), e.getMessage()));
            } catch (RuntimeException e) {
                log.error("Rule {}: {} failed unexpectedly for a message to {}", rule.name(), action.actionName(),
                        output.message().topic(), e);
                failures.add(new ErrorMessage.Failure(action.actionName(), "", "Internal error: " + e));
            }
        }
        if (!failures.isEmpty()) {
            rule.errorAction().ifPresent(errorAction -> performErrorAction(rule, errorAction, output, failures));
        }
    }

    private void performErrorAction(TopicRule rule, RuleAction errorAction, RuleOutput output,
                                    List<ErrorMessage.Failure> failures) {
        try {
            errorAction.perform(output.withOutput(ErrorMessage.of(output, failures)), targets);
            log.debug("Rule {}: error action {} performed", rule.name(), errorAction.actionName());
        } catch (RuntimeException e) {
            // AWS has nowhere further to report this either: it is logged.
            log.error("Rule {}: its error action {} failed too: {}", rule.name(), errorAction.actionName(), e.getMessage());
        }
    }

    /** Stops taking messages; the ones under way get two seconds to finish. */
    @Override
    public void close() {
        closed = true;
        lanes.forEach(lane -> lane.executor().shutdown());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (Lane lane : lanes) {
                lane.executor().awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.forEach(lane -> lane.executor().shutdownNow());
    }
}
