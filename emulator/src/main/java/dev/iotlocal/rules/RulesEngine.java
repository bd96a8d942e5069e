package dev.iotlocal.rules;

import dev.iotlocal.broker.PublishListener;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.rules.sql.IotSql;
import dev.iotlocal.rules.sql.MessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rules engine: every message published to the broker is matched against each enabled rule's topic filter,
 * its SQL evaluated, and the result handed to the rule's actions. Evaluation runs on the engine's own threads,
 * never on the broker's, so a slow rule delays no client.
 */
public final class RulesEngine implements PublishListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("rules");

    private final List<TopicRule> rules;
    private final String accountId;
    private final ExecutorService executor;

    public RulesEngine(List<TopicRule> rules, String accountId) {
        this.rules = List.copyOf(rules);
        this.accountId = accountId;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
            Thread t = new Thread(task, "rules-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public List<TopicRule> rules() {
        return rules;
    }

    @Override
    public void onPublish(PublishedMessage message) {
        for (TopicRule rule : rules) {
            if (rule.enabled() && rule.sql().from().matches(message.topic())) {
                executor.execute(() -> evaluate(rule, message));
            }
        }
    }

    private void evaluate(TopicRule rule, PublishedMessage message) {
        String traceId = UUID.randomUUID().toString();
        Optional<byte[]> selected;
        try {
            selected = rule.sql().apply(new MessageContext(message.topic(), message.payload(), message.clientId(),
                    message.clientId(), message.receivedAt().toEpochMilli(), traceId, accountId));
        } catch (RuntimeException e) {
            log.error("Rule {}: evaluating its SQL on a message to {} failed", rule.name(), message.topic(), e);
            return;
        }
        if (selected.isEmpty()) {
            return;
        }
        RuleOutput output = new RuleOutput(rule.name(), message.topic(), message.clientId(), traceId, selected.get(),
                message.payload());
        for (RuleAction action : rule.actions()) {
            try {
                action.perform(output);
                log.debug("Rule {} matched {}: {} performed", rule.name(), message.topic(), action.actionName());
            } catch (RuntimeException e) {
                log.error("Rule {}: {} failed for a message to {}: {}", rule.name(), action.actionName(),
                        message.topic(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
