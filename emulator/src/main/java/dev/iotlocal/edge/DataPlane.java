package dev.iotlocal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.sigv4.SigV4Verifier;
import dev.iotlocal.sigv4.Verification;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * AWS IoT's HTTP APIs on the edge port: {@code POST /topics/{topic}} (data plane publish, signing name
 * {@code iotdata}) and {@code GET /endpoint} (describe-endpoint, signing name {@code iot}).
 */
final class DataPlane {

    private static final Logger log = LoggerFactory.getLogger("iot.http");
    private static final String TOPICS = "/topics/";

    private final SigV4Verifier verifier;
    private final MqttBroker broker;
    private final ObjectMapper json = new ObjectMapper();

    DataPlane(SigV4Verifier verifier, MqttBroker broker) {
        this.verifier = verifier;
        this.broker = broker;
    }

    void publish(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!authorized(ctx, body, "iotdata")) {
            return;
        }
        String rawPath = ctx.req().getRequestURI();
        String topic = URLDecoder.decode(rawPath.substring(TOPICS.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        String qosParameter = ctx.queryParam("qos");
        int qos;
        if (qosParameter == null || qosParameter.equals("0")) {
            qos = 0;
        } else if (qosParameter.equals("1")) {
            qos = 1;
        } else {
            AwsErrors.send(ctx, 400, "InvalidRequestException", "qos must be 0 or 1 (AWS IoT does not support QoS 2),"
                    + " was " + qosParameter, null);
            return;
        }
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            AwsErrors.send(ctx, 400, "InvalidRequestException", "Publish needs a topic name without wildcards, was '"
                    + topic + "'", null);
            return;
        }
        boolean retain = Boolean.parseBoolean(ctx.queryParam("retain"));
        broker.publish(topic, body, qos, retain);
        log.debug("HTTP publish to {} ({} bytes, qos {})", topic, body.length, qos);
        ctx.contentType("application/json")
                .result(json.createObjectNode().put("message", "OK").put("traceId", UUID.randomUUID().toString()).toString());
    }

    void describeEndpoint(Context ctx) {
        if (!authorized(ctx, new byte[0], "iot")) {
            return;
        }
        ctx.contentType("application/json")
                // The emulator's own address, as this client reached it.
                .result(json.createObjectNode().put("endpointAddress", ctx.host()).toString());
    }

    private boolean authorized(Context ctx, byte[] body, String service) {
        Verification verification = verifier.verifyAuthorizationHeader(SignedRequests.of(ctx, body), service);
        if (verification instanceof Verification.Refused refused) {
            log.warn("Refused {} {} from {}: {} ({})", ctx.method(), ctx.path(), ctx.ip(), refused.message(),
                    refused.reason().code());
            AwsErrors.send(ctx, 403, "ForbiddenException", refused.message(), refused.reason().code());
            return false;
        }
        return true;
    }
}
