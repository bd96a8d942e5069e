package dev.iotlocal.sigv4;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IotWebSocketPresignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final Credential TEMPORARY = new Credential("ASIAEXAMPLE", "secret", Optional.of("to+ken/=="));

    @Test
    void producesAUrlTheVerifierAcceptsWithTheTokenAppendedAfterTheSignature() {
        URI url = new IotWebSocketPresigner("eu-west-1", CLOCK).presign("ws", "127.0.0.1:4566", TEMPORARY);

        assertThat(url.getRawQuery()).containsPattern("X-Amz-Signature=[0-9a-f]{64}&X-Amz-Security-Token=to%2Bken%2F%3D%3D$");
        SigV4Verifier verifier = new SigV4Verifier(CredentialStore.of(List.of(TEMPORARY)), SigV4Settings.defaults("eu-west-1"), CLOCK);
        Verification verification = verifier.verifyPresignedUrl(new SignedRequest("GET", url.getRawPath(), url.getRawQuery(),
                Map.of("Host", List.of("127.0.0.1:4566")), new byte[0]), "iotdevicegateway");
        assertThat(verification).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void signsTheHostItIsGiven() {
        URI url = new IotWebSocketPresigner("eu-west-1", CLOCK).presign("ws", "127.0.0.1:4566", TEMPORARY);
        SigV4Verifier verifier = new SigV4Verifier(CredentialStore.of(List.of(TEMPORARY)), SigV4Settings.defaults("eu-west-1"), CLOCK);

        Verification other = verifier.verifyPresignedUrl(new SignedRequest("GET", url.getRawPath(), url.getRawQuery(),
                Map.of("Host", List.of("127.0.0.1:4567")), new byte[0]), "iotdevicegateway");

        assertThat(other).isInstanceOfSatisfying(Verification.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.SIGNATURE_MISMATCH));
    }
}
