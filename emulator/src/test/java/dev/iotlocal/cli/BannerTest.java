package dev.iotlocal.cli;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTest {

    @Test
    void listsTheEndpointsAsServerlessDeployPrintsThem() throws Exception {
        Path config = Path.of(BannerTest.class.getResource("/cli/endpoints.yml").toURI());
        try (IotLocal iot = IotLocal.builder().config(config).edgePort(0).mqttPort(0).build().start()) {
            String stage = "http://127.0.0.1:" + iot.edgePort() + "/dev";

            assertThat(Banner.of(iot, 5)).contains("endpoints:\n"
                    + "  GET - " + stage + "\n"
                    + "  GET - " + stage + "/users/{id}\n"
                    + "  ANY - " + stage + "/files/{proxy+}\n");
        }
    }

    @Test
    void anEndpointIsTheMethodAndTheStageUrlWithThePathAsServerlessJoinsIt() {
        assertThat(Banner.endpoint("GET", "/", "https://abc.execute-api.us-east-1.amazonaws.com/dev"))
                .isEqualTo("GET - https://abc.execute-api.us-east-1.amazonaws.com/dev");
        assertThat(Banner.endpoint("POST", "/a//b/", "http://127.0.0.1:4566/dev"))
                .isEqualTo("POST - http://127.0.0.1:4566/dev/a/b");
    }
}
