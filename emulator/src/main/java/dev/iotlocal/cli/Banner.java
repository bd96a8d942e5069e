package dev.iotlocal.cli;

import dev.iotlocal.IotLocal;
import dev.iotlocal.apigateway.ApiRoute;
import dev.iotlocal.config.FunctionDefinition;
import dev.iotlocal.config.HttpEventDefinition;
import dev.iotlocal.config.LambdaActionDefinition;
import dev.iotlocal.config.RepublishActionDefinition;
import dev.iotlocal.config.RuleActionDefinition;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.config.TopicRuleDefinition;

import java.util.stream.Collectors;

/** The start-up summary, laid out as {@code serverless deploy} prints its own, with local addresses. */
final class Banner {

    private Banner() {
    }

    private static String describe(RuleActionDefinition action) {
        if (action instanceof LambdaActionDefinition lambda) {
            return "lambda " + lambda.functionKeyOrName();
        }
        if (action instanceof RepublishActionDefinition republish) {
            return "republish " + republish.topic();
        }
        return action.toString();
    }

    /**
     * An endpoint as {@code serverless deploy} prints it: {@code GET - https://<api>/dev/users/{id}}; the root has no
     * trailing slash, path parameters keep their braces.
     */
    static String endpoint(String method, String path, String stageUrl) {
        return ApiRoute.endpointLine(method, path, stageUrl);
    }

    static String of(IotLocal iot, long readyMillis) {
        ServiceDefinition service = iot.service();
        StringBuilder out = new StringBuilder();
        out.append("iotlocal: service ").append(service.service()).append(", stage ").append(iot.stage())
                .append(", region ").append(iot.region()).append(" (").append(service.file()).append(")\n\n");
        out.append("endpoints:\n");
        String stageUrl = iot.edgeUri() + "/" + iot.stage();
        for (FunctionDefinition function : service.functions()) {
            for (HttpEventDefinition http : function.httpEvents()) {
                out.append("  ").append(endpoint(http.method(), http.path(), stageUrl)).append('\n');
            }
        }
        out.append("  MQTT over WebSocket - ").append(iot.webSocketUri())
                .append(" (presigned with SigV4, service iotdevicegateway)\n");
        out.append("  MQTT over TCP - mqtt://").append(iot.edgeUri().getHost()).append(':').append(iot.mqttPort()).append('\n');
        out.append("  IoT data plane - POST ").append(iot.edgeUri()).append("/topics/{topic}\n");
        out.append("functions:\n");
        for (FunctionDefinition function : service.functions()) {
            out.append("  ").append(function.key()).append(": ").append(function.deployedName())
                    .append(" (").append(function.handler()).append(", ").append(function.timeout().toSeconds())
                    .append(" s)\n");
        }
        if (!service.topicRules().isEmpty()) {
            out.append("rules:\n");
            for (TopicRuleDefinition rule : service.topicRules()) {
                out.append("  ").append(rule.name()).append(rule.enabled() ? "" : " (disabled)").append(": ")
                        .append(rule.sql()).append(" -> ")
                        .append(rule.actions().stream().map(Banner::describe).collect(Collectors.joining(", ")))
                        .append('\n');
            }
        }
        out.append("\nTo point a shell or an application at this emulator:\n");
        out.append("  export AWS_ENDPOINT_URL=").append(iot.edgeUri())
                .append(" AWS_IOT_HOST=").append(iot.iotHost())
                .append(" IOT_WEBSOCKET_SCHEME=ws")
                .append(" AWS_REGION=").append(iot.region())
                .append(" AWS_ACCESS_KEY_ID=").append(iot.accessKey())
                .append(" AWS_SECRET_ACCESS_KEY=").append(iot.secretKey()).append('\n');
        service.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
        out.append("\nReady in ").append(readyMillis).append(" ms from JVM start. Press Ctrl+C to stop.\n");
        return out.toString();
    }
}
