package dev.iotlocal.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.InvocationResult;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dashboard at {@code /} of the edge server: endpoints, functions and their recent invocations with logs,
 * rules and how often each matched, connected clients, and live messages. A page loads one snapshot, then every
 * change is pushed to it over a WebSocket. {@code /_iotlocal/demo} runs the seed's browser client (MQTT.js).
 */
public final class Dashboard {

    static final String PREFIX = "/_iotlocal";
    private static final Logger log = LoggerFactory.getLogger("dashboard");
    /** Payloads shown live are cut here: the dashboard is for looking, not for transferring. */
    private static final int MAX_PAYLOAD_SHOWN = 4096;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "md", "text/markdown; charset=utf-8");
    private static final Set<String> FILES = Set.of("index.html", "demo.html", "dashboard.js", "demo.js", "style.css",
            "vendor/mqtt.min.js", "vendor/mqtt.js-5.16.0-LICENSE.md", "vendor/README.md");

    private final Supplier<ObjectNode> state;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<WsContext> viewers = ConcurrentHashMap.newKeySet();

    /** @param state the current state as the page shows it: service, endpoints, functions, rules, clients, invocations */
    public Dashboard(Supplier<ObjectNode> state) {
        this.state = state;
    }

    /** Registers the pages, the snapshot and the live socket on the edge server. */
    public void register(JavalinConfig config) {
        config.routes.get("/", ctx -> file(ctx, "index.html"));
        config.routes.get(PREFIX + "/demo", ctx -> file(ctx, "demo.html"));
        config.routes.get(PREFIX + "/static/*", ctx -> file(ctx, ctx.path().substring((PREFIX + "/static/").length())));
        config.routes.get(PREFIX + "/api/state", ctx -> ctx.contentType("application/json").result(state.get().toString()));
        config.routes.ws(PREFIX + "/live", ws -> {
            ws.onConnect(ctx -> {
                viewers.add(ctx);
                send(ctx, json.createObjectNode().put("type", "state").set("state", state.get()));
            });
            ws.onClose(ctx -> viewers.remove(ctx));
            ws.onError(ctx -> viewers.remove(ctx));
        });
    }

    private void file(Context ctx, String name) throws IOException {
        if (!FILES.contains(name)) {
            ctx.status(404).result("Not found");
            return;
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                ctx.status(404).result("Not found");
                return;
            }
            ctx.contentType(CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(in.readAllBytes());
        }
    }

    /** A message was published: shown live. */
    public void onMessage(PublishedMessage message) {
        if (viewers.isEmpty()) {
            return;
        }
        ObjectNode update = json.createObjectNode().put("type", "message");
        update.putObject("message")
                .put("time", message.receivedAt().toString())
                .put("topic", message.topic())
                .put("clientId", message.clientId())
                .put("payload", shown(message.payload()));
        broadcast(update);
    }

    /** An invocation completed: shown live. */
    public void onInvocation(Invocation invocation) {
        if (!viewers.isEmpty()) {
            ObjectNode update = json.createObjectNode().put("type", "invocation");
            update.set("invocation", invocationNode(json, invocation));
            broadcast(update);
        }
    }

    /** Rules or clients changed: the page replaces that part of its state. */
    public void onChange(String part, ArrayNode values) {
        if (!viewers.isEmpty()) {
            ObjectNode update = json.createObjectNode().put("type", part);
            update.set(part, values);
            broadcast(update);
        }
    }

    /** How the page shows an invocation. */
    public static ObjectNode invocationNode(ObjectMapper json, Invocation invocation) {
        ObjectNode node = json.createObjectNode()
                .put("requestId", invocation.requestId())
                .put("function", invocation.functionName())
                .put("type", invocation.type().awsName())
                .put("start", invocation.startTime().toString())
                .put("durationMs", Math.round(invocation.duration().toNanos() / 1e6 * 100) / 100.0)
                .put("coldStart", invocation.coldStart())
                .put("result", invocation.result() instanceof InvocationResult.Failure f
                        ? f.cause().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.errorType() : "success");
        ArrayNode lines = node.putArray("logLines");
        invocation.logLines().forEach(lines::add);
        return node;
    }

    private String shown(byte[] payload) {
        byte[] head = payload.length > MAX_PAYLOAD_SHOWN ? java.util.Arrays.copyOf(payload, MAX_PAYLOAD_SHOWN) : payload;
        String suffix = payload.length > MAX_PAYLOAD_SHOWN ? " … (" + payload.length + " bytes)" : "";
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head)).toString() + suffix;
        } catch (CharacterCodingException binary) {
            return "base64:" + Base64.getEncoder().encodeToString(head) + suffix;
        }
    }

    private void broadcast(ObjectNode update) {
        for (WsContext viewer : List.copyOf(viewers)) {
            send(viewer, update);
        }
    }

    private void send(WsContext viewer, ObjectNode update) {
        try {
            if (viewer.session.isOpen()) {
                viewer.send(update.toString());
            } else {
                viewers.remove(viewer);
            }
        } catch (RuntimeException e) {
            viewers.remove(viewer);
            log.debug("Dropped a dashboard viewer: {}", e.getMessage());
        }
    }
}
