/**
 * AWS IoT's rules engine: {@link dev.iotlocal.rules.RulesEngine} hears every message the broker takes, runs each
 * matching {@link dev.iotlocal.rules.TopicRule}'s SQL on its own threads, and performs the rule's actions
 * ({@link dev.iotlocal.rules.LambdaAction}, {@link dev.iotlocal.rules.RepublishAction}); the actions that fail
 * are reported to the rule's error action in AWS's message. Actions reach Lambda and the broker only through the
 * one-method interfaces {@link dev.iotlocal.rules.FunctionInvoker} and {@link dev.iotlocal.rules.MessagePublisher}.
 * User documentation, with every choice where AWS is silent: docs/rules.md.
 */
package dev.iotlocal.rules;
