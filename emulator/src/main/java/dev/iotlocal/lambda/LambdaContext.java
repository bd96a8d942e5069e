package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Clock;
import java.time.Instant;

/** The {@link Context} of one invocation; remaining time is counted down from the deadline, as on AWS. */
final class LambdaContext implements Context {

    private final String requestId;
    private final FunctionConfiguration function;
    private final String arn;
    private final String logStreamName;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    LambdaContext(String requestId, FunctionConfiguration function, String arn, String logStreamName,
                  Instant deadline, Clock clock, LambdaLogger logger) {
        this.requestId = requestId;
        this.function = function;
        this.arn = arn;
        this.logStreamName = logStreamName;
        this.deadline = deadline;
        this.clock = clock;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.functionName();
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return arn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
