package dev.iotlocal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotlocal.lambda.Invocation;
import dev.iotlocal.lambda.LambdaRuntime;
import dev.iotlocal.lambda.LambdaServiceException;
import dev.iotlocal.sigv4.SigV4Verifier;
import dev.iotlocal.sigv4.Verification;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Lambda's Invoke API, {@code POST /2015-03-31/functions/{name}/invocations} (signing name {@code lambda}), so
 * that the AWS SDK's {@code LambdaClient} and {@code aws lambda invoke --endpoint-url} reach the emulator:
 * {@code RequestResponse} (200 with the function's answer), {@code Event} (202, queued) and {@code DryRun} (204).
 * Errors have Lambda's shape: the type in {@code x-amzn-ErrorType}, {@code {"Type", "message"}} in the body.
 */
final class LambdaApi {

    static final String PATH = "/2015-03-31/functions/{name}/invocations";

    private static final Logger log = LoggerFactory.getLogger("lambda.api");
    private static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    private static final String ANSWERED = LambdaApi.class.getName() + ".answered";
    /** The Invoke API returns at most the last 4 KB of the log. */
    private static final int LOG_TAIL_BYTES = 4 * 1024;

    private final SigV4Verifier verifier;
    private final LambdaRuntime lambda;
    private final ObjectMapper json = new ObjectMapper();

    LambdaApi(SigV4Verifier verifier, LambdaRuntime lambda) {
        this.verifier = verifier;
        this.lambda = lambda;
    }

    /** True when the Invoke API answered this request, so the edge does not turn its 404 into API Gateway's. */
    static boolean answered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ANSWERED));
    }

    void invoke(Context ctx) {
        ctx.attribute(ANSWERED, true);
        java.util.Optional<byte[]> read = RequestBody.read(ctx, "InvalidRequestContentException");
        if (read.isEmpty()) {
            return;
        }
        byte[] body = read.get();
        if (!authorized(ctx, body)) {
            return;
        }
        String name = functionName(ctx);
        String qualifier = ctx.queryParam("Qualifier");
        if (qualifier != null && !qualifier.equals("$LATEST")) {
            error(ctx, new LambdaServiceException("ResourceNotFoundException", 404, "Function not found: "
                    + lambda.function(name).map(lambda::arn).orElse(name) + ":" + qualifier
                    + ". iotlocal runs $LATEST only: leave out the qualifier or the alias.", null));
            return;
        }
        byte[] event = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body; // as the CLI's missing --payload
        String type = ctx.header("X-Amz-Invocation-Type");
        try {
            switch (type == null ? "RequestResponse" : type) {
                case "RequestResponse" -> requestResponse(ctx, name, event);
                case "Event" -> {
                    String requestId = lambda.invokeEvent(name, event);
                    ctx.status(202).header("x-amzn-RequestId", requestId);
                }
                case "DryRun" -> {
                    lambda.requireFunction(name);
                    ctx.status(204).header("x-amzn-RequestId", UUID.randomUUID().toString());
                }
                default -> error(ctx, new LambdaServiceException("ValidationException", 400, "1 validation error detected:"
                        + " Value '" + type + "' at 'invocationType' failed to satisfy constraint: Member must satisfy"
                        + " enum value set: [Event, RequestResponse, DryRun]", null));
            }
        } catch (LambdaServiceException e) {
            error(ctx, e);
        }
    }

    private void requestResponse(Context ctx, String name, byte[] event) {
        Invocation invocation;
        try {
            invocation = lambda.invoke(name, event).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(ctx, new LambdaServiceException("ServiceException", 500, "The emulator is stopping.", null));
            return;
        } catch (ExecutionException | CompletionException e) {
            error(ctx, e.getCause() instanceof LambdaServiceException refused ? refused
                    : new LambdaServiceException("ServiceException", 500, String.valueOf(e.getCause().getMessage()), null));
            return;
        }
        ctx.status(200)
                .header("x-amzn-RequestId", invocation.requestId())
                .header("X-Amz-Executed-Version", "$LATEST")
                .contentType("application/json");
        if (!invocation.succeeded()) {
            ctx.header("X-Amz-Function-Error", "Unhandled");
        }
        if ("Tail".equals(ctx.header("X-Amz-Log-Type"))) {
            ctx.header("X-Amz-Log-Result", logTail(invocation.logLines()));
        }
        ctx.result(invocation.result().payload());
    }

    /** The last 4 KB of the invocation's log, base64-encoded, as {@code --log-type Tail} returns it. */
    static String logTail(List<String> lines) {
        byte[] log = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = log.length <= LOG_TAIL_BYTES ? log : Arrays.copyOfRange(log, log.length - LOG_TAIL_BYTES, log.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    /** The name as sent: the SDK percent-encodes the ':' of an ARN. */
    private static String functionName(Context ctx) {
        String path = ctx.req().getRequestURI();
        String raw = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private boolean authorized(Context ctx, byte[] body) {
        Verification verification = verifier.verifyAuthorizationHeader(SignedRequests.of(ctx, body), "lambda");
        if (verification instanceof Verification.Refused refused) {
            log.warn("Refused {} {} from {}: {} ({})", ctx.method(), ctx.path(), ctx.ip(), refused.message(),
                    refused.reason().code());
            String errorType = switch (refused.reason()) {
                case UNKNOWN_ACCESS_KEY, SESSION_TOKEN_MISSING, SESSION_TOKEN_MISMATCH -> "UnrecognizedClientException";
                case MISSING_AUTHORIZATION -> "MissingAuthenticationTokenException";
                default -> "InvalidSignatureException";
            };
            error(ctx, new LambdaServiceException(errorType, 403, refused.message() + " (" + refused.reason().code() + ")",
                    null));
            return false;
        }
        return true;
    }

    /** Lambda's error answer: {@code x-amzn-ErrorType} and {@code {"Type", "message"[, "Reason"]}}. */
    private void error(Context ctx, LambdaServiceException e) {
        ObjectNode body = json.createObjectNode().put("Type", e.statusCode() >= 500 ? "Service" : "User")
                .put("message", e.getMessage());
        e.reason().ifPresent(reason -> body.put("Reason", reason));
        log.debug("Invoke answered {} {}: {}", e.statusCode(), e.errorType(), e.getMessage());
        ctx.status(e.statusCode())
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .header("x-amzn-ErrorType", e.errorType())
                .contentType("application/json")
                .result(body.toString());
    }
}
