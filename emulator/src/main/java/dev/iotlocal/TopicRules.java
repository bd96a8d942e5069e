package dev.iotlocal;

import dev.iotlocal.config.ConfigException;
import dev.iotlocal.config.FunctionDefinition;
import dev.iotlocal.config.LambdaActionDefinition;
import dev.iotlocal.config.RepublishActionDefinition;
import dev.iotlocal.config.RuleActionDefinition;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.config.TopicRuleDefinition;
import dev.iotlocal.config.UnsupportedActionDefinition;
import dev.iotlocal.rules.LambdaAction;
import dev.iotlocal.rules.RepublishAction;
import dev.iotlocal.rules.RuleAction;
import dev.iotlocal.rules.SubstitutionTemplate;
import dev.iotlocal.rules.TopicRule;
import dev.iotlocal.rules.sql.IotSql;
import dev.iotlocal.rules.sql.SqlParseException;
import dev.iotlocal.rules.sql.SqlVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's topic rules made runnable, once, before any port is bound: what AWS would refuse when the rule
 * is created (SQL that does not parse, an action iotlocal cannot run, a template that does not parse, a topic no
 * message could be republished to) stops start-up with the file, line and key; what AWS accepts but cannot work
 * here is a warning.
 */
final class TopicRules {

    /** The runnable rules, and the warnings for the start-up banner. */
    record Built(List<TopicRule> rules, List<String> warnings) {
    }

    private final ServiceDefinition service;
    private final String accountId;
    private final Map<String, FunctionDefinition> functions = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private TopicRules(ServiceDefinition service, String accountId) {
        this.service = service;
        this.accountId = accountId;
        for (FunctionDefinition function : service.functions()) {
            functions.put(function.key(), function);
            functions.put(function.deployedName(), function);
        }
    }

    static Built of(ServiceDefinition service, String accountId) {
        TopicRules builder = new TopicRules(service, accountId);
        List<TopicRule> rules = new ArrayList<>();
        for (TopicRuleDefinition rule : service.topicRules()) {
            rules.add(builder.rule(rule));
        }
        return new Built(List.copyOf(rules), List.copyOf(builder.warnings));
    }

    private TopicRule rule(TopicRuleDefinition rule) {
        IotSql sql = parse(rule);
        List<RuleAction> actions = new ArrayList<>();
        for (RuleActionDefinition action : rule.actions()) {
            actions.add(action(action, rule, sql));
        }
        Optional<RuleAction> errorAction = rule.errorAction().map(action -> action(action, rule, sql));
        return new TopicRule(rule.name(), sql, rule.enabled(), actions, errorAction);
    }

    private static IotSql parse(TopicRuleDefinition rule) {
        SqlVersion version;
        try {
            version = SqlVersion.of(rule.sqlVersion());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(rule.sqlLocation(), "Rule " + rule.name() + ": " + e.getMessage());
        }
        try {
            return IotSql.parse(rule.sql(), version);
        } catch (SqlParseException e) {
            throw new ConfigException(rule.sqlLocation(), "Rule " + rule.name() + ": the SQL does not parse (AWS IoT"
                    + " refuses it with SqlParseException): " + e.getMessage() + "\n    " + rule.sql() + "\n    "
                    + " ".repeat(Math.max(0, e.column() - 1)) + "^");
        }
    }

    private RuleAction action(RuleActionDefinition action, TopicRuleDefinition rule, IotSql sql) {
        if (action instanceof LambdaActionDefinition lambda) {
            return lambda(lambda, rule);
        }
        if (action instanceof RepublishActionDefinition republish) {
            return republish(republish, rule, sql);
        }
        UnsupportedActionDefinition other = (UnsupportedActionDefinition) action;
        throw new ConfigException(other.location(), "Rule " + rule.name() + ": the " + other.type() + " action calls"
                + " an AWS service iotlocal does not emulate. Use a Lambda or Republish action instead, or remove this"
                + " rule from the local configuration.");
    }

    private RuleAction lambda(LambdaActionDefinition lambda, TopicRuleDefinition rule) {
        FunctionDefinition function = functions.get(lambda.functionKeyOrName());
        String name = function == null ? lambda.functionKeyOrName() : function.deployedName();
        if (function == null) {
            // AWS creates such a rule; the invocation fails when a message comes.
            warnings.add(lambda.location() + ": rule " + rule.name() + " invokes function '" + name + "', which this"
                    + " service does not define. As on AWS, each invocation will fail (ResourceNotFoundException)"
                    + (rule.errorAction().isPresent() ? " and run the rule's error action."
                    : ". Check the name, or add an ErrorAction to hear of the failures."));
        }
        return new LambdaAction(name, "arn:aws:lambda:" + service.region() + ":" + accountId + ":function:" + name);
    }

    private RuleAction republish(RepublishActionDefinition republish, TopicRuleDefinition rule, IotSql sql) {
        SubstitutionTemplate topic;
        try {
            topic = SubstitutionTemplate.parse(republish.topic(), sql.version());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(republish.location(), "Rule " + rule.name() + ": the Republish topic '"
                    + republish.topic() + "' is not valid: " + e.getMessage() + ".");
        }
        RepublishAction action = new RepublishAction(topic, republish.qos());
        action.constantTopicProblem().ifPresent(problem -> {
            throw new ConfigException(republish.location(), "Rule " + rule.name() + ": no message can be republished"
                    + " to '" + topic.constantText() + "': " + problem + ". Change the Topic"
                    + (topic.constantText().startsWith("$") ? " (write $$ only for the reserved topics AWS lets you"
                    + " publish to, such as $$aws/things/<thing>/shadow/update)." : "."));
        });
        if (topic.isConstant() && sql.from().matches(topic.constantText())) {
            warnings.add(republish.location() + ": rule " + rule.name() + " republishes to '" + topic.constantText()
                    + "', which its own FROM '" + sql.from().filter() + "' matches: every republished message reaches"
                    + " the rule again, without end unless its WHERE turns it away. Republish to a topic outside the filter.");
        }
        return action;
    }
}
