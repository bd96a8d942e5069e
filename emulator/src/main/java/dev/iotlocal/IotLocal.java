package dev.iotlocal;

import dev.iotlocal.apigateway.ApiGatewaySettings;
import dev.iotlocal.apigateway.ApiRoute;
import dev.iotlocal.apigateway.RestApi;
import dev.iotlocal.broker.BrokerSettings;
import dev.iotlocal.broker.MqttBroker;
import dev.iotlocal.broker.PublishedMessage;
import dev.iotlocal.config.ServiceDefinition;
import dev.iotlocal.dashboard.Dashboard;
import dev.iotlocal.edge.EdgeServer;
import dev.iotlocal.edge.EdgeSettings;
import dev.iotlocal.lambda.Drain;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.LambdaRuntime;
import dev.iotlocal.rules.ActionTargets;
import dev.iotlocal.rules.RulesEngine;
import dev.iotlocal.sigv4.Credential;
import dev.iotlocal.sigv4.CredentialStore;
import dev.iotlocal.sigv4.IotWebSocketPresigner;
import dev.iotlocal.sigv4.SigV4Settings;
import dev.iotlocal.sigv4.SigV4Verifier;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The emulator: AWS IoT Core's broker and rules, Lambda and API Gateway for one serverless service, in this JVM.
 *
 * <pre>{@code
 * try (IotLocal iot = IotLocal.builder().config(Path.of("serverless.yml")).edgePort(0).mqttPort(0).build().start()) {
 *     HttpResponse<String> session = http.send(HttpRequest.newBuilder(iot.apiUrl("/")).build(), ofString());
 *     ...
 * }
 * }</pre>
 *
 * <p>It is the composition root: it reads the configuration and wires the parts, which know nothing of each
 * other beyond small interfaces. Several emulators can run side by side in one JVM.
 */
public final class IotLocal implements AutoCloseable {

    private final EmulatorConfiguration configuration;
    private final Duration persistentSessionExpiry;
    private volatile State state = State.NEW;
    /** What functions need to reach this emulator; known once the edge port is bound. */
    private volatile java.util.Map<String, String> serviceEnvironment;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LambdaRuntime lambda;
    private RulesEngine rules;
    private volatile MqttBroker broker; // read by rule actions on the rules engine's threads
    private EdgeServer edge;
    private final PublishRecorder publishes = new PublishRecorder();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private volatile ConnectedClients clients;

    private enum State { NEW, STARTED, CLOSED }

    IotLocal(EmulatorConfiguration configuration, Duration persistentSessionExpiry) {
        this.configuration = configuration;
        this.persistentSessionExpiry = persistentSessionExpiry;
    }

    public static IotLocalBuilder builder() {
        return new IotLocalBuilder();
    }

    /**
     * Binds the ports and starts every part; returns when the emulator is ready to serve.
     *
     * @throws IllegalStateException when a port is busy or the emulator was started before
     */
    public synchronized IotLocal start() {
        if (state != State.NEW) {
            throw new IllegalStateException(state == State.STARTED ? "This emulator is already started."
                    : "This emulator was closed; build a new one to start again.");
        }
        try {
            Clock clock = configuration.clock();
            lambda = new LambdaRuntime(configuration.lambdaSettings(this::serviceEnvironment), configuration.functions(), clock);
            started.add(lambda);
            rules = new RulesEngine(configuration.topicRules(), configuration.accountId(),
                    new ActionTargets(lambda::invokeAsync, this::republish));
            started.add(rules);
            RulesEngine rulesEngine = rules;
            Dashboard dashboard = new Dashboard(new DashboardState(this)::snapshot);
            lambda.onInvocation(dashboard::onInvocation);
            clients = new ConnectedClients(ids -> dashboard.onChange("clients", json.valueToTree(ids)));
            ConnectedClients connected = clients;
            broker = MqttBroker.start(new BrokerSettings(configuration.host(), configuration.mqttPort(),
                    persistentSessionExpiry), message -> {
                publishes.onPublish(message);
                rulesEngine.onPublish(message);
                connected.onPublish(message);
                dashboard.onMessage(message);
            }, clock);
            started.add(broker);
            RestApi api = new RestApi(configuration.apiGatewaySettings(), configuration.routes(), lambda::invoke, clock);
            SigV4Verifier verifier = new SigV4Verifier(CredentialStore.of(configuration.credentials()),
                    SigV4Settings.defaults(configuration.region()), clock);
            edge = EdgeServer.start(new EdgeSettings(configuration.host(), configuration.edgePort()), api, broker, verifier,
                    lambda, dashboard::register);
            started.add(edge);
            String iotHost = clientHost() + ":" + edge.port();
            serviceEnvironment = java.util.Map.of(
                    "AWS_IOT_HOST", iotHost,
                    "IOT_WEBSOCKET_SCHEME", "ws",
                    "AWS_ENDPOINT_URL", "http://" + iotHost);
            state = State.STARTED;
            return this;
        } catch (RuntimeException e) {
            closeStarted();
            state = State.CLOSED;
            throw e;
        }
    }

    /** Republish actions publish as AWS IoT itself: to subscribers and to rules, without a client id. */
    private void republish(String topic, byte[] payload, int qos) {
        MqttBroker running = broker;
        if (running == null) {
            throw new IllegalStateException("The emulator's broker is still starting.");
        }
        running.publish(topic, payload, qos, false);
    }

    /** What every function's environment gets so that the handlers talk to this emulator instead of AWS. */
    private java.util.Map<String, String> serviceEnvironment() {
        java.util.Map<String, String> environment = serviceEnvironment;
        if (environment == null) {
            // A message that arrives in the milliseconds before the edge port is bound.
            throw new IllegalStateException("The emulator is still starting: its endpoints are not known yet.");
        }
        return environment;
    }

    /** Stops everything; safe to call twice. */
    @Override
    public synchronized void close() {
        if (state != State.CLOSED) {
            closeStarted();
            state = State.CLOSED;
        }
    }

    /**
     * Stops as a server stops on SIGTERM: refuses new invocations, lets those running end within the grace period
     * (the broker and the HTTP endpoint keep serving them meanwhile), then stops everything, ending the invocations
     * still running. Says what happened to the invocations in flight.
     */
    public Drain close(Duration grace) throws InterruptedException {
        Drain drain = Drain.idle(grace);
        synchronized (this) {
            if (state == State.STARTED) {
                drain = lambda.drain(grace);
            }
            close();
        }
        return drain;
    }

    private void closeStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(IotLocal.class).warn("Stopping {} failed", started.get(i), e);
            }
        }
        started.clear();
    }

    private void requireStarted(String what) {
        if (state != State.STARTED) {
            throw new IllegalStateException(what + " is known only while the emulator runs: "
                    + (state == State.NEW ? "call start() first." : "this emulator was closed."));
        }
    }

    /** The host clients use: loopback when bound to every interface. */
    private String clientHost() {
        String host = configuration.host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    /** {@code http://127.0.0.1:<edge port>}: API Gateway, MQTT over WebSocket and AWS IoT's HTTP APIs. */
    public URI edgeUri() {
        requireStarted("The edge address");
        return URI.create("http://" + clientHost() + ":" + edge.port());
    }

    public int edgePort() {
        requireStarted("The edge port");
        return edge.port();
    }

    /** The MQTT over TCP port. */
    public int mqttPort() {
        requireStarted("The MQTT port");
        return broker.port();
    }

    /** A URL of the API's stage, e.g. {@code apiUrl("/")} is {@code http://127.0.0.1:4566/dev/}. */
    public URI apiUrl(String path) {
        return edgeUri().resolve("/" + configuration.stage() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The unsigned WebSocket endpoint; clients must presign it (SigV4, service iotdevicegateway). */
    public URI webSocketUri() {
        return URI.create("ws://" + clientHost() + ":" + edgePort() + "/mqtt");
    }

    /** The host (and port) to presign WebSocket URLs for, as {@code AWS_IOT_HOST} gives it to functions. */
    public String iotHost() {
        return clientHost() + ":" + edgePort();
    }

    public String stage() {
        return configuration.stage();
    }

    public String region() {
        return configuration.region();
    }

    /** The access key clients may sign with ({@code test} unless configured). */
    public String accessKey() {
        return configuration.clientCredential().accessKeyId();
    }

    public String secretKey() {
        return configuration.clientCredential().secretAccessKey();
    }

    public ServiceDefinition service() {
        return configuration.service();
    }

    /** The Lambda service, to invoke functions and take their invocations. */
    public LambdaRuntime lambda() {
        requireStarted("The Lambda runtime");
        return lambda;
    }

    /** Removes and returns the oldest completed invocation of the function, waiting up to the timeout. */
    public Optional<Invocation> takeInvocation(String functionName, Duration timeout) throws InterruptedException {
        return lambda().takeInvocation(functionName, timeout);
    }

    /**
     * Removes and returns the oldest message published to a topic matching the filter (AWS IoT's matching, so
     * {@code a/#} does not match {@code a}), waiting up to the timeout. Messages are recorded from start or the
     * last {@link #reset()}.
     */
    public Optional<PublishedMessage> takePublish(String topicFilter, Duration timeout) throws InterruptedException {
        requireStarted("Published messages");
        return publishes.take(topicFilter, timeout);
    }

    /** Forgets the recorded invocations and messages, as between two tests; functions stay warm. */
    public void reset() {
        requireStarted("Resetting");
        publishes.clear();
        lambda.clearInvocations();
    }

    /** Publishes as AWS IoT's HTTP publish does: to MQTT subscribers and to rules. */
    public void publish(String topic, byte[] payload, int qos) {
        requireStarted("Publishing");
        broker.checkPublish(topic, payload.length, false).ifPresent(refusal -> {
            throw new IllegalArgumentException("AWS IoT would refuse this publish: " + refusal.message());
        });
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1 (AWS IoT does not support QoS 2), was " + qos);
        }
        broker.publish(topic, payload, qos, false);
    }

    /** The MQTT clients connected now (TCP and WebSocket), by client id. */
    public List<String> connectedClients() {
        requireStarted("Connected clients");
        return clients.list();
    }

    /** How many messages the rule's SQL selected since start. */
    long ruleMatches(String ruleName) {
        return rules.matched(ruleName);
    }

    EmulatorConfiguration configuration() {
        return configuration;
    }

    List<Credential> credentials() {
        return configuration.credentials();
    }

    /**
     * A WebSocket URL presigned with the client credentials ({@link #accessKey()}), as a browser gets from a
     * session function; valid for 15 minutes.
     */
    public URI presignedWebSocketUri() {
        return new IotWebSocketPresigner(region(), configuration.clock())
                .presign("ws", iotHost(), configuration.clientCredential());
    }
}
