package dev.iotlocal.apigateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The deployed REST API.
 *
 * @param stage              the stage, the first path segment (serverless: {@code dev} by default)
 * @param apiId              the REST API id in events and in the banner's URLs
 * @param integrationTimeout API Gateway's limit for a Lambda integration (29 s)
 */
public record ApiGatewaySettings(String stage, String apiId, String accountId, Duration integrationTimeout) {

    public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

    public ApiGatewaySettings {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(integrationTimeout, "integrationTimeout");
        if (!stage.matches("[a-zA-Z0-9_]+")) {
            throw new IllegalArgumentException("Stage name '" + stage
                    + "' is not valid for API Gateway: use letters, digits and underscores only.");
        }
    }
}
