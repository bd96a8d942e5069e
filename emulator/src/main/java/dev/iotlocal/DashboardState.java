package dev.iotlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.apigateway.ApiRoute;
import dev.iotlocal.config.FunctionDefinition;
import dev.iotlocal.config.HttpEventDefinition;
import dev.iotlocal.config.TopicRuleDefinition;
import dev.iotlocal.dashboard.Dashboard;
import dev.iotlocal.lambda.Invocation;

import java.util.List;

/** What the dashboard shows, gathered from every part: only the composition root knows them all. */
final class DashboardState {

    private static final int RECENT_INVOCATIONS = 50;

    private final IotLocal iot;
    private final ObjectMapper json = new ObjectMapper();

    DashboardState(IotLocal iot) {
        this.iot = iot;
    }

    ObjectNode snapshot() {
        ObjectNode state = json.createObjectNode()
                .put("service", iot.service().service())
                .put("stage", iot.stage())
                .put("region", iot.region());
        ArrayNode endpoints = state.putArray("endpoints");
        for (FunctionDefinition function : iot.service().functions()) {
            for (HttpEventDefinition http : function.httpEvents()) {
                endpoints.add(ApiRoute.endpointLine(http.method(), http.path(), iot.edgeUri() + "/" + iot.stage()));
            }
        }
        endpoints.add("MQTT over WebSocket - " + iot.webSocketUri() + " (presigned, SigV4)");
        endpoints.add("MQTT over TCP - mqtt://" + iot.edgeUri().getHost() + ":" + iot.mqttPort());
        List<Invocation> invocations = iot.lambda().invocations();
        ArrayNode functions = state.putArray("functions");
        for (FunctionDefinition function : iot.service().functions()) {
            List<Invocation> own = invocations.stream().filter(i -> i.functionName().equals(function.deployedName())).toList();
            ObjectNode node = functions.addObject()
                    .put("name", function.deployedName())
                    .put("handler", function.handler())
                    .put("timeoutSeconds", function.timeout().toSeconds())
                    .put("invocations", own.size());
            if (!own.isEmpty()) {
                node.put("lastDurationMs", Math.round(own.get(own.size() - 1).duration().toNanos() / 1e6 * 100) / 100.0);
            }
        }
        ArrayNode rules = state.putArray("rules");
        for (TopicRuleDefinition rule : iot.service().topicRules()) {
            rules.addObject().put("name", rule.name()).put("sql", rule.sql()).put("enabled", rule.enabled())
                    .put("matched", iot.ruleMatches(rule.name()));
        }
        ArrayNode clients = state.putArray("clients");
        iot.connectedClients().forEach(clients::add);
        ArrayNode recent = state.putArray("invocations");
        invocations.subList(Math.max(0, invocations.size() - RECENT_INVOCATIONS), invocations.size())
                .forEach(invocation -> recent.add(Dashboard.invocationNode(json, invocation)));
        return state;
    }
}
