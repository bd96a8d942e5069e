package dev.iotlocal.it.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotlocal.IotLocal;
import dev.iotlocal.IotLocalBuilder;
import dev.iotlocal.lambda.Invocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The test service of apigateway/serverless.yml running in an emulator, and a plain HTTP/1.1 client for it. */
final class Gateway implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final IotLocal iot;

    private Gateway(IotLocal iot) {
        this.iot = iot;
    }

    static Gateway start() {
        return start(UnaryOperator.identity());
    }

    static Gateway start(UnaryOperator<IotLocalBuilder> options) {
        try {
            Path config = Path.of(Gateway.class.getResource("/apigateway/serverless.yml").toURI());
            return new Gateway(options.apply(IotLocal.builder().config(config).edgePort(0).mqttPort(0)).build().start());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL under the stage; the path may hold a query and characters a URI would refuse unescaped. */
    URI url(String pathAndQuery) {
        return URI.create(iot.edgeUri() + "/" + iot.stage() + pathAndQuery);
    }

    /** A URL on the edge port, outside the stage. */
    URI rawUrl(String pathAndQuery) {
        return URI.create(iot.edgeUri() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(url(pathAndQuery));
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).build());
    }

    /** POSTs a function's answer to the scripted function, which returns it as its result. */
    HttpResponse<String> respondWith(String functionResult) {
        return send(request("/respond").POST(HttpRequest.BodyPublishers.ofString(functionResult)).build());
    }

    /** The event the function received for a response, found by the request id API Gateway answered with. */
    JsonNode eventOf(HttpResponse<?> response) {
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        return invocationOf(requestId).map(invocation -> {
            try {
                return JSON.readTree(invocation.event());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElseThrow(() -> new AssertionError("No invocation received request " + requestId));
    }

    Optional<Invocation> invocationOf(String requestId) {
        return iot.lambda().invocations().stream().filter(i -> {
            try {
                return JSON.readTree(i.event()).path("requestContext").path("requestId").asText().equals(requestId);
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        iot.close();
    }
}
