package dev.iotlocal.apigateway;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids API Gateway gives a request: {@code requestId} ({@code x-amzn-RequestId}), {@code extendedRequestId}
 * ({@code x-amz-apigw-id}) and the X-Ray trace header, kept when the client sent one.
 */
record RequestIds(String requestId, String extendedRequestId, String traceId) {

    static RequestIds create(Instant now, String clientTraceId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] extended = new byte[11];
        random.nextBytes(extended);
        byte[] trace = new byte[12];
        random.nextBytes(trace);
        String traceId = clientTraceId != null ? clientTraceId
                : "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(trace);
        return new RequestIds(UUID.randomUUID().toString(), Base64.getEncoder().encodeToString(extended), traceId);
    }
}
