package dev.iotlocal.apigateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiGatewaySettingsTest {

    @Test
    void aStageMayHaveHyphensAndUnderscoresAsApiGatewayAllows() {
        assertThatCode(() -> new ApiGatewaySettings("my-stage_2", "id", "000000000000")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ApiGatewaySettings("my.stage", "id", "000000000000"))
                .hasMessageContaining("'my.stage'").hasMessageContaining("hyphens and underscores");
    }

    @Test
    void theIntegrationTimeoutIsAtLeast50Milliseconds() {
        assertThatThrownBy(() -> new ApiGatewaySettings("dev", "id", "0", Duration.ofMillis(10), List.of()))
                .hasMessageContaining("between 50 ms and 15 minutes").hasMessageContaining("10 ms");
    }

    @Test
    void binaryMediaTypesAreValidated() {
        assertThatThrownBy(() -> new ApiGatewaySettings("dev", "id", "0", Duration.ofSeconds(29), List.of("png")))
                .hasMessageContaining("'png'");
    }
}
