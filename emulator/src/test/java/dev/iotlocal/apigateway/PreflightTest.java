package dev.iotlocal.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The preflight serverless configures, merged over a resource's events as its validate/cors steps merge them. */
class PreflightTest {

    private static ApiRoute route(String method, Cors cors) {
        return new ApiRoute(method, "/things", "f", Optional.ofNullable(cors));
    }

    private static Cors cors(List<String> origins, List<String> headers, boolean credentials, Integer maxAge,
                             String cacheControl) {
        return new Cors(origins, headers, credentials, Optional.ofNullable(maxAge), Optional.ofNullable(cacheControl));
    }

    @Test
    void corsTrueGivesAnyOriginTheDefaultHeadersAndTheMethodAfterOptions() {
        Map<String, String> headers = Preflight.of(List.of(route("GET", Cors.defaults()))).orElseThrow().headers(null);

        assertThat(headers).containsExactly(
                entry("Access-Control-Allow-Origin", "*"),
                entry("Access-Control-Allow-Headers", "Content-Type,X-Amz-Date,Authorization,X-Api-Key,"
                        + "X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id"),
                entry("Access-Control-Allow-Methods", "OPTIONS,GET"));
    }

    @Test
    void laterEventsComeFirstInTheUnitedLists() {
        Preflight preflight = Preflight.of(List.of(
                route("GET", cors(List.of("*"), List.of("A", "B"), false, null, null)),
                route("POST", cors(List.of("*"), List.of("B", "C"), false, null, null)),
                route("PUT", null))).orElseThrow();

        assertThat(preflight.headers(null))
                .containsEntry("Access-Control-Allow-Methods", "OPTIONS,POST,GET")
                .containsEntry("Access-Control-Allow-Headers", "B,C,A");
    }

    @Test
    void anyStandsForEveryMethod() {
        assertThat(Preflight.of(List.of(route("ANY", Cors.defaults()))).orElseThrow().headers(null))
                .containsEntry("Access-Control-Allow-Methods", "OPTIONS,DELETE,GET,HEAD,PATCH,POST,PUT");
    }

    @Test
    void credentialsIfAnyAsksTheLastMaxAgeAndCacheControlAndNoMaxAgeForZero() {
        Preflight preflight = Preflight.of(List.of(
                route("GET", cors(List.of("*"), Cors.DEFAULT_HEADERS, true, 60, "max-age=60")),
                route("POST", cors(List.of("*"), Cors.DEFAULT_HEADERS, false, 600, null)),
                route("PUT", cors(List.of("*"), Cors.DEFAULT_HEADERS, false, 0, null)))).orElseThrow();

        assertThat(preflight.headers(null))
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Max-Age", "600")
                .containsEntry("Cache-Control", "max-age=60");
        assertThat(Preflight.of(List.of(route("GET", cors(List.of("*"), Cors.DEFAULT_HEADERS, false, 0, null))))
                .orElseThrow().headers(null)).doesNotContainKeys("Access-Control-Max-Age", "Access-Control-Allow-Credentials");
    }

    @Test
    void listedOriginsEchoAMatchingOriginAndOtherwiseGiveTheFirst() {
        Preflight preflight = Preflight.of(List.of(route("GET",
                cors(List.of("https://a.example.com", "https://*.example.org"), Cors.DEFAULT_HEADERS, false, null, null))))
                .orElseThrow();

        assertThat(preflight.headers("https://a.example.com")).containsEntry("Access-Control-Allow-Origin", "https://a.example.com");
        assertThat(preflight.headers("https://x.y.example.org")).containsEntry("Access-Control-Allow-Origin", "https://x.y.example.org");
        assertThat(preflight.headers("https://example.org")).containsEntry("Access-Control-Allow-Origin", "https://a.example.com");
        assertThat(preflight.headers("https://aXexample.com")).containsEntry("Access-Control-Allow-Origin", "https://a.example.com");
    }

    @Test
    void aCommaSeparatedOriginIsSeveralOrigins() {
        Preflight preflight = Preflight.of(List.of(route("GET",
                cors(List.of("https://a.com, https://b.com"), Cors.DEFAULT_HEADERS, false, null, null)))).orElseThrow();

        assertThat(preflight.headers("https://b.com")).containsEntry("Access-Control-Allow-Origin", "https://b.com");
        assertThat(preflight.headers(null)).containsEntry("Access-Control-Allow-Origin", "https://a.com");
    }

    @Test
    void noEventWithCorsMeansNoPreflight() {
        assertThat(Preflight.of(List.of(route("GET", null)))).isEmpty();
    }
}
