package dev.iotlocal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared maths, case by case. */
class SigV4Test {

    @Nested
    @DisplayName("canonical URI: normalised, then each byte of the wire path encoded again")
    class CanonicalUri {

        @ParameterizedTest(name = "''{0}'' -> ''{1}''")
        @CsvSource(delimiter = '|', value = {
            "''                    | /",
            "/                     | /",
            "/mqtt                 | /mqtt",
            "//                    | /",
            "//example//           | /example/",
            "/./example            | /example",
            "/example/..           | /",
            "/a/b/../../..         | /",
            "/a/b/.                | /a/b",
            "/a/b/./               | /a/b/",
            "/..a/.b/c..           | /..a/.b/c..",
            "/topics/a%2Fb         | /topics/a%252Fb",
            "/example space/       | /example%20space/",
            "/example/$delete      | /example/%24delete",
            "/ሴ                    | /%E1%88%B4",
            "/%E1%88%B4            | /%25E1%2588%25B4",
        })
        void cases(String rawPath, String canonical) {
            assertThat(SigV4.canonicalUri(rawPath)).isEqualTo(canonical);
        }
    }

    @Test
    @DisplayName("RFC 3986: unreserved characters stay, everything else is %XX in upper case")
    void encoding() {
        assertThat(SigV4.encode("AZaz09-._~", false)).isEqualTo("AZaz09-._~");
        assertThat(SigV4.encode("a b+c/d=e*f%", false)).isEqualTo("a%20b%2Bc%2Fd%3De%2Af%25");
        assertThat(SigV4.encode("a/b", true)).isEqualTo("a/b");
        assertThat(SigV4.encode("é", false)).isEqualTo("%C3%A9");
    }

    @Test
    @DisplayName("canonical query: decoded, re-encoded, sorted by name then value; a bare name gets '='")
    void canonical_query() throws Refusal {
        QueryString query = QueryString.parse("b=2&a=z&a=y&flag&c=x%2By+z&&%7Etilde=%41");

        assertThat(SigV4.canonicalQuery(query.all())).isEqualTo("a=y&a=z&b=2&c=x%2By%2Bz&flag=&~tilde=A");
    }

    @Test
    @DisplayName("query: '+' is a literal plus, not a space")
    void plus_is_literal() throws Refusal {
        assertThat(QueryString.parse("t=a+b").values("t")).containsExactly("a+b");
        assertThat(QueryString.parse("t=a%20b").values("t")).containsExactly("a b");
    }

    @Test
    void broken_query_encoding() {
        assertThatThrownBy(() -> QueryString.parse("a=%4")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> QueryString.parse("a=%zz")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> QueryString.parse("a=%C3%28")).isInstanceOf(Refusal.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    @DisplayName("header values: trimmed, runs of spaces and folded lines made one space, repeats joined by ','")
    void header_values() {
        assertThat(SigV4.canonicalHeaderValue(List.of("  a   b \t c  "))).isEqualTo("a b c");
        assertThat(SigV4.canonicalHeaderValue(List.of("value1\n  value2\r\n     value3"))).isEqualTo(
                "value1 value2 value3");
        assertThat(SigV4.canonicalHeaderValue(List.of("v2", " v1 "))).isEqualTo("v2,v1");
    }

    @Test
    @DisplayName("signing key: the example of AWS's SigV4 documentation")
    void signing_key() {
        byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        assertThat(SigV4.hex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void hashes() {
        assertThat(SigV4.sha256Hex(new byte[0])).isEqualTo(SigV4.EMPTY_SHA256);
        assertThat(SigV4.sha256Hex("Param1=value1".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    }

    @Test
    void constant_time_comparison() {
        assertThat(SigV4.sameText("abc", "abc")).isTrue();
        assertThat(SigV4.sameText("abc", "abd")).isFalse();
        assertThat(SigV4.sameText("abc", "ab")).isFalse();
    }
}
