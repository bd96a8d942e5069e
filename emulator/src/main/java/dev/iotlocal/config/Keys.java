package dev.iotlocal.config;

import java.util.HashSet;
import java.util.Set;

/**
 * Keys the loader knows, per place. Each set is what iotlocal reads plus what serverless accepts there but
 * iotlocal has no use for (IAM, deployment, logging...): neither gives a warning. Anything else does.
 */
final class Keys {

    static final Set<String> TOP = union(
            Set.of("service", "provider", "package", "functions", "resources"),
            Set.of("frameworkVersion", "plugins", "custom", "useDotenv", "variablesResolutionMode",
                    "configValidationMode", "deprecationNotificationMode", "disabledDeprecations",
                    "unresolvedVariablesNotificationMode", "params", "org", "app", "console", "dashboard",
                    "layers", "outputs", "projectDir", "stages", "build", "license", "variableSyntax"));

    static final Set<String> PROVIDER = union(
            Set.of("name", "stage", "region", "memorySize", "timeout", "environment"),
            Set.of("runtime", "profile", "iam", "iamRoleStatements", "iamManagedPolicies", "role", "cfnRole",
                    "deploymentBucket", "deploymentPrefix", "deploymentMethod", "tags", "stackTags", "stackName",
                    "stackPolicy", "stackParameters", "logRetentionInDays", "logDataProtectionPolicy", "logs",
                    "apiGateway", "apiName", "apiKeys", "httpApi", "websocketsApiName",
                    "websocketsApiRouteSelectionExpression", "websocketsDescription", "endpointType",
                    "resourcePolicy", "usagePlan", "vpc", "tracing", "layers", "architecture", "versionFunctions",
                    "lambdaHashingVersion", "rolePermissionsBoundary", "notificationArns", "kmsKeyArn",
                    "runtimeManagement", "ecr", "eventBridge", "s3", "alb", "cloudFront", "disableRollback",
                    "rollbackConfiguration", "ephemeralStorageSize", "snapStart", "iamRoleStatementsName",
                    "environmentFile", "description", "hooks"));

    static final Set<String> PACKAGE = Set.of(
            "artifact", "individually", "patterns", "include", "exclude", "excludeDevDependencies");

    static final Set<String> FUNCTION = union(
            Set.of("handler", "timeout", "memorySize", "environment", "events", "package", "name",
                    "reservedConcurrency", "maximumRetryAttempts"),
            Set.of("description", "role", "layers", "runtime", "architecture", "vpc", "tags", "tracing",
                    "provisionedConcurrency", "maximumEventAge",
                    "destinations", "onError", "kmsKeyArn", "disableLogs", "logRetentionInDays", "logs",
                    "condition", "dependsOn", "versionFunction", "snapStart", "ephemeralStorageSize",
                    "fileSystemConfig", "image", "url", "runtimeManagement", "awsKmsKeyArn", "iamRoleStatements",
                    "iamRoleStatementsName", "iamRoleStatementsInherit", "alarms", "warmup"));

    static final Set<String> HTTP = union(
            Set.of("path", "method", "cors"),
            Set.of("private", "authorizer", "request", "response", "integration", "async", "operationId",
                    "summary", "description", "documentation", "connectionType", "connectionId", "timeout"));

    static final Set<String> CORS = Set.of(
            "origin", "origins", "headers", "allowCredentials", "maxAge", "cacheControl");

    static final Set<String> IOT = Set.of("name", "sql", "sqlVersion", "enabled", "description");

    /** Event types serverless knows that iotlocal does not emulate: a warning says they are skipped. */
    static final Set<String> OTHER_EVENTS = Set.of(
            "httpApi", "websocket", "s3", "schedule", "sns", "sqs", "stream", "alexaSkill", "alexaSmartHome",
            "iotFleetProvisioning", "cloudwatchEvent", "cloudwatchLog", "cognitoUserPool", "eventBridge", "alb",
            "msk", "kafka", "activemq", "rabbitmq", "cloudFront");

    static final Set<String> RESOURCES = Set.of(
            "Resources", "Outputs", "Conditions", "Parameters", "Mappings", "Description", "Metadata",
            "AWSTemplateFormatVersion", "Transform", "Rules", "extensions");

    static final Set<String> CFN_RESOURCE = Set.of(
            "Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata");

    static final Set<String> TOPIC_RULE_PROPERTIES = Set.of("RuleName", "TopicRulePayload", "Tags");

    static final Set<String> TOPIC_RULE_PAYLOAD = Set.of(
            "Sql", "AwsIotSqlVersion", "RuleDisabled", "Description", "Actions", "ErrorAction");

    static final Set<String> LAMBDA_ACTION = Set.of("FunctionArn");

    static final Set<String> REPUBLISH_ACTION = Set.of("Topic", "Qos", "RoleArn", "Headers");

    private Keys() {
    }

    private static Set<String> union(Set<String> read, Set<String> ignored) {
        Set<String> all = new HashSet<>(read);
        all.addAll(ignored);
        return Set.copyOf(all);
    }
}
