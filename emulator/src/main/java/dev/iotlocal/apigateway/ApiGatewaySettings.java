package dev.iotlocal.apigateway;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The deployed REST API.
 *
 * @param stage              the stage, the first path segment (serverless: {@code dev} by default)
 * @param apiId              the REST API id in events and in the banner's URLs
 * @param accountId          the account in {@code requestContext.accountId}
 * @param integrationTimeout how long API Gateway waits for the function before answering 504: 29 s on AWS;
 *                           tests may shorten it (at least 50 ms, API Gateway's lower bound)
 * @param binaryMediaTypes   the API's binary media types ({@code provider.apiGateway.binaryMediaTypes}), e.g.
 *                           {@code image/png} or {@code *}{@code /*}
 */
public record ApiGatewaySettings(String stage, String apiId, String accountId, Duration integrationTimeout,
                                 List<String> binaryMediaTypes) {

    public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    private static final Duration SHORTEST_INTEGRATION_TIMEOUT = Duration.ofMillis(50);
    private static final Duration LONGEST_INTEGRATION_TIMEOUT = Duration.ofMinutes(15);

    public ApiGatewaySettings {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(integrationTimeout, "integrationTimeout");
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
        if (!stage.matches("[-_a-zA-Z0-9]{1,128}")) {
            throw new IllegalArgumentException("Stage name '" + stage + "' is not valid for API Gateway: use at most"
                    + " 128 letters, digits, hyphens and underscores.");
        }
        if (integrationTimeout.compareTo(SHORTEST_INTEGRATION_TIMEOUT) < 0
                || integrationTimeout.compareTo(LONGEST_INTEGRATION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("The integration timeout must be between 50 ms and 15 minutes (API"
                    + " Gateway's default is 29 s), was " + integrationTimeout.toMillis() + " ms.");
        }
        BinaryMediaTypes.of(binaryMediaTypes); // validates each entry
    }

    /** AWS's defaults: the 29 s integration timeout, no binary media types. */
    public ApiGatewaySettings(String stage, String apiId, String accountId) {
        this(stage, apiId, accountId, DEFAULT_INTEGRATION_TIMEOUT, List.of());
    }
}
