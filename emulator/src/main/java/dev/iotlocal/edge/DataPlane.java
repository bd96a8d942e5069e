package dev.iotlocal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.broker.BrokerRefusal;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.sigv4.Credential;
import dev.iotlocal.sigv4.SigV4Verifier;
import dev.iotlocal.sigv4.Verification;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * AWS IoT's HTTP APIs on the edge port: {@code POST /topics/{topic}} (data plane publish, signing name
 * {@code iotdata}) and {@code GET /endpoint} (describe-endpoint, signing name {@code iot}), with AWS's error codes.
 */
final class DataPlane {

    private static final Logger log = LoggerFactory.getLogger("iot.http");
    private static final String TOPICS = "/topics/";
    private static final Set<String> ENDPOINT_TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider",
            "iot:Jobs");

    private final SigV4Verifier verifier;
    private final MqttBroker broker;
    private final ObjectMapper json = new ObjectMapper();

    DataPlane(SigV4Verifier verifier, MqttBroker broker) {
        this.verifier = verifier;
        this.broker = broker;
    }

    void publish(Context ctx) {
        Optional<byte[]> read = RequestBody.read(ctx, "InvalidRequestException");
        if (read.isEmpty()) {
            return;
        }
        byte[] body = read.get();
        Optional<Credential> signer = signer(ctx, body, "iotdata");
        if (signer.isEmpty()) {
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
            invalid(ctx, "qos must be 0 or 1 (AWS IoT does not support QoS 2), was " + qosParameter);
            return;
        }
        String retainParameter = ctx.queryParam("retain");
        if (retainParameter != null && !retainParameter.equalsIgnoreCase("true")
                && !retainParameter.equalsIgnoreCase("false")) {
            invalid(ctx, "retain must be true or false, was " + retainParameter);
            return;
        }
        boolean retain = Boolean.parseBoolean(retainParameter);
        Optional<BrokerRefusal> refusal = broker.checkPublish(topic, body.length, retain);
        if (refusal.isPresent()) {
            refuse(ctx, topic, refusal.get());
            return;
        }
        broker.publish(topic, body, qos, retain, signer.get().accessKeyId());
        log.debug("HTTP publish to {} ({} bytes, qos {}, retain {})", topic, body.length, qos, retain);
        ctx.contentType("application/json")
                .result(json.createObjectNode().put("message", "OK").put("traceId", UUID.randomUUID().toString()).toString());
    }

    /** Other methods on a data plane path: AWS answers 405 MethodNotAllowedException. */
    void methodNotAllowed(Context ctx) {
        log.warn("Refused {} {}: the IoT data plane accepts only {} there", ctx.method(), ctx.path(),
                ctx.path().startsWith(TOPICS) ? "POST" : "GET");
        AwsErrors.send(ctx, 405, "MethodNotAllowedException", "The method " + ctx.method() + " is not allowed on "
                + ctx.path() + ": use " + (ctx.path().startsWith(TOPICS) ? "POST to publish" : "GET") + ".", null);
    }

    void describeEndpoint(Context ctx) {
        if (signer(ctx, new byte[0], "iot").isEmpty()) {
            return;
        }
        String type = ctx.queryParam("endpointType");
        if (type != null && !ENDPOINT_TYPES.contains(type)) {
            invalid(ctx, "endpointType must be one of iot:Data-ATS, iot:Data, iot:CredentialProvider, iot:Jobs; was "
                    + type);
            return;
        }
        ctx.contentType("application/json")
                // The emulator's own address, as this client reached it, whatever the type: it serves them all.
                .result(json.createObjectNode().put("endpointAddress", ctx.host()).toString());
    }

    private void refuse(Context ctx, String topic, BrokerRefusal refusal) {
        log.warn("Refused an HTTP publish to {}: {}", topic, refusal.message());
        switch (refusal.rule()) {
            case MESSAGE_SIZE -> AwsErrors.send(ctx, 413, "RequestEntityTooLargeException", refusal.message(), null);
            case RESERVED_TOPIC, RETAINED_RESERVED_TOPIC ->
                    AwsErrors.send(ctx, 403, "ForbiddenException", refusal.message(), null);
            default -> AwsErrors.send(ctx, 400, "InvalidRequestException", refusal.message(), null);
        }
    }

    private static void invalid(Context ctx, String message) {
        log.warn("Refused {} {}: {}", ctx.method(), ctx.path(), message);
        AwsErrors.send(ctx, 400, "InvalidRequestException", message, null);
    }

    /** Who signed the request; empty when the signature is refused, the 403 already sent. */
    private Optional<Credential> signer(Context ctx, byte[] body, String service) {
        Verification verification = verifier.verifyAuthorizationHeader(SignedRequests.of(ctx, body), service);
        if (verification instanceof Verification.Refused refused) {
            log.warn("Refused {} {} from {}: {} ({})", ctx.method(), ctx.path(), ctx.ip(), refused.message(),
                    refused.reason().code());
            AwsErrors.send(ctx, 403, "ForbiddenException", refused.message(), refused.reason().code());
            return Optional.empty();
        }
        return Optional.of(((Verification.Accepted) verification).credential());
    }
}
