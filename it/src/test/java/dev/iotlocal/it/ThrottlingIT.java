package dev.iotlocal.it;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import dev.iotlocal.lambda.Invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static dev.iotlocal.it.LambdaClients.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Throttling at a small concurrency limit, with serverless.yml's reservedConcurrency, through the AWS SDK. */
class ThrottlingIT {

    private static final String SLOW = "{\"sleepMillis\":1500}";
    private static IotLocal iot;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        // Two for the account: one reserved by "limited" (serverless.yml), one left for every other function.
        iot = IotLocal.builder().config(LambdaClients.labConfig()).edgePort(0).mqttPort(0).concurrencyLimit(2)
                .build().start();
        lambda = LambdaClients.client(iot, iot.secretKey());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        iot.close();
    }

    /** Starts a slow invocation and waits until it runs, so that it holds its concurrency. */
    private static CompletableFuture<InvokeResponse> busy(String function) {
        CompletableFuture<InvokeResponse> call = CompletableFuture.supplyAsync(() -> invoke(lambda, function, SLOW));
        await().atMost(Duration.ofSeconds(20)).until(() -> iot.lambda().concurrentExecutions(function) > 0 || call.isDone());
        assertThat(call).as("still running").isNotDone();
        return call;
    }

    @AfterEach
    void nothingLeftRunning() {
        await().atMost(Duration.ofSeconds(20)).until(() -> iot.lambda().concurrentExecutions("counter") == 0
                && iot.lambda().concurrentExecutions("limited") == 0 && iot.lambda().concurrentExecutions("twins") == 0);
    }

    @Test
    void aSynchronousCallBeyondTheReservedConcurrencyIsTooManyRequests() throws Exception {
        CompletableFuture<InvokeResponse> running = busy("limited");

        assertThatThrownBy(() -> invoke(lambda, "limited", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
                });
        assertThat(running.get().statusCode()).isEqualTo(200);
    }

    @Test
    void aSynchronousCallBeyondTheAccountLimitIsTooManyRequests() throws Exception {
        CompletableFuture<InvokeResponse> running = busy("counter");

        assertThatThrownBy(() -> invoke(lambda, "twins", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.reasonAsString()).isEqualTo("ConcurrentInvocationLimitExceeded"));
        assertThat(running.get().statusCode()).isEqualTo(200);
        assertThat(invoke(lambda, "twins", "{}").statusCode()).as("served once concurrency is free").isEqualTo(200);
    }

    @Test
    void anAsynchronousEventBeyondTheLimitIsRetriedWithBackoffAndRunsOnceConcurrencyIsFree() throws Exception {
        CompletableFuture<InvokeResponse> running = busy("counter");
        Instant busySince = Instant.now();

        String requestId = iot.lambda().invokeEvent("twins", "{}".getBytes());

        assertThat(running.get().statusCode()).isEqualTo(200);
        Invocation queued;
        do {
            queued = iot.takeInvocation("twins", Duration.ofSeconds(30)).orElseThrow();
        } while (!queued.requestId().equals(requestId));
        assertThat(queued.succeeded()).isTrue();
        assertThat(queued.startTime()).as("ran after the 1.5 s invocation that held the concurrency")
                .isAfter(busySince.plusMillis(1000));
    }
}
