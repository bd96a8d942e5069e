package dev.iotlocal.bench.jmh;

import dev.iotlocal.sigv4.Credential;
import dev.iotlocal.sigv4.CredentialStore;
import dev.iotlocal.sigv4.IotWebSocketPresigner;
import dev.iotlocal.sigv4.SigV4Settings;
import dev.iotlocal.sigv4.SigV4Verifier;
import dev.iotlocal.sigv4.SignedRequest;
import dev.iotlocal.sigv4.Verification;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 7. SigV4 verifications per second: the check of a presigned {@code /mqtt} URL (the WebSocket upgrade of every
 * browser and every MQTT function), accepted and refused (a wrong signature, whose message explains the mismatch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigV4Benchmark {

    private static final String HOST = "127.0.0.1:4566";

    private SigV4Verifier verifier;
    private SignedRequest valid;
    private SignedRequest tampered;

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-15T12:00:00Z"), ZoneOffset.UTC);
        Credential client = Credential.of("test", "test");
        Credential function = Credential.of("ASIABENCHMARK", "c2VjcmV0c2VjcmV0c2VjcmV0", "IQoJb3JpZ2luX2VjEBcaCXVzLWVhc3Qt");
        verifier = new SigV4Verifier(CredentialStore.of(client, function), SigV4Settings.defaults("us-east-1"), clock);
        URI url = new IotWebSocketPresigner("us-east-1", clock).presign("ws", HOST, function);
        valid = request(url.getRawQuery());
        String query = url.getRawQuery();
        int signature = query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        tampered = request(query.substring(0, signature) + (query.charAt(signature) == '0' ? '1' : '0')
                + query.substring(signature + 1));
        if (!(verifier.verifyPresignedUrl(valid, "iotdevicegateway") instanceof Verification.Accepted)
                || !(verifier.verifyPresignedUrl(tampered, "iotdevicegateway") instanceof Verification.Refused)) {
            throw new IllegalStateException("The benchmark's URLs are not judged as expected");
        }
    }

    private static SignedRequest request(String rawQuery) {
        return new SignedRequest("GET", "/mqtt", rawQuery, Map.of("Host", List.of(HOST),
                "Upgrade", List.of("websocket"), "Sec-WebSocket-Protocol", List.of("mqtt")), null);
    }

    @Benchmark
    public Verification accepted() {
        return verifier.verifyPresignedUrl(valid, "iotdevicegateway");
    }

    @Benchmark
    public Verification refused() {
        return verifier.verifyPresignedUrl(tampered, "iotdevicegateway");
    }
}
