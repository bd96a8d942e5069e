package dev.iotlocal.sigv4;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Presigns AWS IoT WebSocket URLs ({@code /mqtt}, service {@code iotdevicegateway}) as AWS IoT's SDKs do: only
 * {@code host} signed, the empty payload hashed, and the session token appended after the signature. For tests
 * and tools that play a client; the emulator's verifier is checked against independent signers.
 */
public final class IotWebSocketPresigner {

    static final String SERVICE = "iotdevicegateway";

    private final String region;
    private final Clock clock;

    public IotWebSocketPresigner(String region, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param scheme {@code ws} against the emulator, {@code wss} against AWS
     * @param host   the Host header the client will send: {@code host:port} unless the port is the scheme's default
     */
    public URI presign(String scheme, String host, Credential credential) {
        Instant now = clock.instant();
        String amzDate = SigV4.AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + SERVICE + "/" + SigV4.TERMINATOR;
        List<QueryString.Parameter> parameters = new ArrayList<>(List.of(
                new QueryString.Parameter("X-Amz-Algorithm", SigV4.ALGORITHM),
                new QueryString.Parameter("X-Amz-Credential", credential.accessKeyId() + "/" + scope),
                new QueryString.Parameter("X-Amz-Date", amzDate),
                new QueryString.Parameter("X-Amz-SignedHeaders", "host")));
        String query = SigV4.canonicalQuery(parameters);
        String canonicalRequest = SigV4.canonicalRequest("GET", "/mqtt", query, "host:" + host + "\n", "host",
                SigV4.EMPTY_SHA256);
        String signature = SigV4.signature(SigV4.signingKey(credential.secretAccessKey(), date, region, SERVICE),
                SigV4.stringToSign(amzDate, scope, canonicalRequest));
        StringBuilder url = new StringBuilder(scheme).append("://").append(host).append("/mqtt?").append(query)
                .append("&X-Amz-Signature=").append(signature);
        credential.sessionToken().ifPresent(token ->
                url.append("&X-Amz-Security-Token=").append(SigV4.encode(token, false)));
        return URI.create(url.toString());
    }
}
