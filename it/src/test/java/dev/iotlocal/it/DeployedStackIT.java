package dev.iotlocal.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same end-to-end flow against the example service deployed to AWS (`serverless deploy` in handlers/):
 * {@code mvn verify -Dtarget=aws} with {@code FOOBAR_API_URL=https://<id>.execute-api.<region>.amazonaws.com/dev}
 * in the environment. Without both, it is skipped and says how to run it.
 */
class DeployedStackIT {

    private static URI api;

    @BeforeAll
    static void target() {
        String url = System.getenv("FOOBAR_API_URL");
        assumeTrue("aws".equals(System.getProperty("target")) && url != null && !url.isBlank(),
                "Runs against a deployed stack only: deploy handlers/ with `serverless deploy`, then run"
                        + " `FOOBAR_API_URL=https://<id>.execute-api.<region>.amazonaws.com/dev mvn verify -Dtarget=aws`.");
        api = URI.create(url.endsWith("/") ? url : url + "/");
    }

    @Test
    void theMqttFunctionAnswersEveryRequestWithPong() throws Exception {
        try (Browser browser = new Browser(api)) {
            browser.start("foobar/session");

            assertThat(browser.takeResponse().path("status").asText()).isEqualTo("ready");
            for (int i = 0; i < 3; i++) {
                browser.request("{\"message\":\"PING " + i + "\"}");
                assertThat(browser.takeResponse().path("message").asText()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void theHelloFunctionPublishesThroughTheDataPlane() throws Exception {
        try (Browser browser = new Browser(api)) {
            browser.start("foobar/hello");

            assertThat(browser.takeResponse().path("message").asText()).isEqualTo("hello");
        }
    }
}
