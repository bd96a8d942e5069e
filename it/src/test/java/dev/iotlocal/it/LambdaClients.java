package dev.iotlocal.it;

import dev.iotlocal.IotLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Path;

/** The AWS SDK's own Lambda client, pointed at an emulator, as a user's test would set it up. */
final class LambdaClients {

    private LambdaClients() {
    }

    static Path labConfig() throws Exception {
        return Path.of(LambdaClients.class.getResource("/lambda/serverless.yml").toURI());
    }

    /** A client that does not retry, so that a test sees each answer of the emulator as it is. */
    static LambdaClient client(IotLocal iot, String secretKey) {
        return LambdaClient.builder()
                .endpointOverride(iot.edgeUri())
                .region(Region.of(iot.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(iot.accessKey(), secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static InvokeResponse invoke(LambdaClient client, String function, String payload) {
        return client.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }
}
