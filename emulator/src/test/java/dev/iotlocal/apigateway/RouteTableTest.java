package dev.iotlocal.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new ApiRoute("GET", "/users/{id}", "byId"),
            new ApiRoute("GET", "/users/me", "me"),
            new ApiRoute("ANY", "/users/{id}", "anyUser"),
            new ApiRoute("ANY", "/{proxy+}", "fallback"),
            new ApiRoute("POST", "/", "root")));

    private String function(String method, String path) {
        return table.find(method, path).map(m -> m.route().functionName()).orElse("none");
    }

    @Test
    void aLiteralBeatsAParameterWhichBeatsAGreedyParameter() {
        assertThat(function("GET", "/users/me")).isEqualTo("me");
        assertThat(function("GET", "/users/7")).isEqualTo("byId");
        assertThat(function("GET", "/orders/7")).isEqualTo("fallback");
    }

    @Test
    void aMethodsOwnRouteBeatsAny() {
        assertThat(function("GET", "/users/7")).isEqualTo("byId");
        assertThat(function("DELETE", "/users/7")).isEqualTo("anyUser");
    }

    @Test
    void parametersAreDecodedAndAGreedyOneTakesTheRest() {
        assertThat(table.find("GET", "/users/a%2Fb").orElseThrow().pathParameters()).isEqualTo(Map.of("id", "a/b"));
        assertThat(table.find("PUT", "/a/b/c").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
    }

    @Test
    void aGreedyParameterNeedsAtLeastOneSegment() {
        assertThat(function("GET", "/")).isEqualTo("none");
        assertThat(function("POST", "/")).isEqualTo("root");
    }

    @Test
    void theResourceOfAPathIsTheMostSpecificWhateverTheMethod() {
        assertThat(table.resourceFor("/users/me")).contains("/users/me");
        assertThat(table.resourceFor("/users/9")).contains("/users/{id}");
        assertThat(table.resourceFor("/x/y")).contains("/{proxy+}");
        assertThat(table.routesOn("/users/{id}")).extracting(ApiRoute::functionName).containsExactly("byId", "anyUser");
    }
}
