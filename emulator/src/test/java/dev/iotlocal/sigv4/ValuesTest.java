package dev.iotlocal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The public value types: validated when built, immutable, and safe to log. */
class ValuesTest {

    @Nested
    class Credentials {

        @Test
        @DisplayName("toString never prints the secret nor the token")
        void to_string_hides_secrets() {
            Credential credential = Credential.of("AKID", "top-secret-key", "session-token-value");

            assertThat(credential.toString()).contains("AKID")
                    .doesNotContain("top-secret-key").doesNotContain("session-token-value");
            assertThat(Credential.of("AKID", "top-secret-key").toString()).doesNotContain("top-secret-key");
        }

        @Test
        void validated() {
            assertThatThrownBy(() -> Credential.of(" ", "s")).hasMessageContaining("accessKeyId");
            assertThatThrownBy(() -> Credential.of("AKID", "")).hasMessageContaining("secretAccessKey");
            assertThatThrownBy(() -> Credential.of("AK/ID", "s")).hasMessageContaining("'/'");
            assertThatThrownBy(() -> new Credential("AKID", "s", null)).hasMessageContaining("Optional.empty()");
            assertThatThrownBy(() -> Credential.of("AKID", "s", "")).hasMessageContaining("sessionToken");
        }

        @Test
        void store_finds_by_access_key_id() {
            Credential one = Credential.of("AKID1", "s1");
            CredentialStore store = CredentialStore.of(List.of(one, Credential.of("AKID2", "s2", "t")));

            assertThat(store.find("AKID1")).contains(one);
            assertThat(store.find("AKID2").flatMap(Credential::sessionToken)).contains("t");
            assertThat(store.find("akid1")).isEmpty();
            assertThat(store.find(null)).isEmpty();
            assertThat(store.toString()).doesNotContain("s1");
        }

        @Test
        void store_is_a_copy() {
            List<Credential> list = new ArrayList<>(List.of(Credential.of("AKID1", "s1")));
            CredentialStore store = CredentialStore.of(list);
            list.add(Credential.of("AKID2", "s2"));

            assertThat(store.find("AKID2")).isEmpty();
        }

        @Test
        void store_refuses_a_key_listed_twice() {
            assertThatThrownBy(() -> CredentialStore.of(Credential.of("AKID", "a"), Credential.of("AKID", "b")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'AKID' is listed twice");
        }
    }

    @Nested
    class Settings {

        @Test
        void defaults() {
            SigV4Settings settings = SigV4Settings.defaults("eu-west-1");

            assertThat(settings.region()).isEqualTo("eu-west-1");
            assertThat(settings.clockSkew()).isEqualTo(Duration.ofMinutes(5));
            assertThat(settings.presignedUrlMaxAge()).isEqualTo(Duration.ofMinutes(15));
        }

        @Test
        @DisplayName("validated: messages name the key and the bad value")
        void validated() {
            assertThatThrownBy(() -> SigV4Settings.defaults("")).hasMessageContaining("region");
            assertThatThrownBy(() -> SigV4Settings.defaults("us-east-1").withClockSkew(Duration.ofSeconds(-1)))
                    .hasMessageContaining("clockSkew").hasMessageContaining("PT-1S");
            assertThatThrownBy(() -> SigV4Settings.defaults("us-east-1").withPresignedUrlMaxAge(Duration.ZERO))
                    .hasMessageContaining("presignedUrlMaxAge").hasMessageContaining("PT0S");
            assertThat(SigV4Settings.defaults("us-east-1").withClockSkew(Duration.ZERO).clockSkew()).isZero();
        }
    }

    @Nested
    class Requests {

        @Test
        @DisplayName("header look-up ignores case; names differing only in case are one header")
        void headers_case_insensitive() {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            headers.put("X-Custom", List.of("a"));
            headers.put("x-custom", List.of("b"));
            SignedRequest request = new SignedRequest("GET", "/", null, headers, null);

            assertThat(request.header("X-CUSTOM")).containsExactly("a", "b");
            assertThat(request.headers().get("x-cUSTOM")).containsExactly("a", "b");
            assertThat(request.header("absent")).isEmpty();
        }

        @Test
        void immutable() {
            Map<String, List<String>> headers = new HashMap<>(Map.of("Host", new ArrayList<>(List.of("h"))));
            byte[] body = {1, 2, 3};
            SignedRequest request = new SignedRequest("POST", "/", "a=b", headers, body);
            headers.get("Host").add("other");
            body[0] = 9;
            request.body()[1] = 9;

            assertThat(request.header("host")).containsExactly("h");
            assertThat(request.body()).containsExactly(1, 2, 3);
            assertThatThrownBy(() -> request.headers().put("x", List.of())).isInstanceOf(
                    UnsupportedOperationException.class);
            assertThat(request).isEqualTo(new SignedRequest("POST", "/", "a=b", Map.of("host", List.of("h")),
                    new byte[] {1, 2, 3}));
        }

        @Test
        @DisplayName("toString shows neither header values nor the query, which may hold a session token")
        void to_string() {
            SignedRequest request = new SignedRequest("GET", "/mqtt", "X-Amz-Security-Token=secret-token",
                    Map.of("X-Amz-Security-Token", List.of("secret-token")), null);

            assertThat(request.toString()).contains("/mqtt").doesNotContain("secret-token");
            assertThat(request.body()).isEmpty();
        }
    }

    @Test
    void verification_outcomes() {
        Verification accepted = new Verification.Accepted(Credential.of("AKID", "s"));
        Verification refused = new Verification.Refused(RefusalReason.SIGNATURE_MISMATCH, "why");

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(refused.isAccepted()).isFalse();
        assertThat(accepted.toString()).doesNotContain("=s,").doesNotContain("secretAccessKey=s");
        assertThat(RefusalReason.SIGNATURE_MISMATCH.code()).isEqualTo("signature-mismatch");
    }
}
