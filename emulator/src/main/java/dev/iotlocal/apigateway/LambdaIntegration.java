package dev.iotlocal.apigateway;

import dev.iotlocal.lambda.Invocation;

import java.util.concurrent.CompletableFuture;

/** How the API reaches a function: a synchronous invocation. */
@FunctionalInterface
public interface LambdaIntegration {
    CompletableFuture<Invocation> invoke(String functionName, byte[] event);
}
