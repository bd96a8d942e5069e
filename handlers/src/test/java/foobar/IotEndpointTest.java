package foobar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IotEndpointTest {

    @Nested
    class FromEnvironment {

        @Test
        void defaultsToWss() {
            IotEndpoint endpoint = IotEndpoint.fromEnvironment(Map.of(
                    "AWS_IOT_HOST", "Abc-ATS.iot.us-east-1.amazonaws.com", "AWS_REGION", "us-east-1"));

            assertThat(endpoint).isEqualTo(new IotEndpoint("wss", "abc-ats.iot.us-east-1.amazonaws.com",
                    IotEndpoint.NO_PORT, "us-east-1"));
        }

        @Test
        void emulatorSettings() {
            IotEndpoint endpoint = IotEndpoint.fromEnvironment(Map.of(
                    "AWS_IOT_HOST", "127.0.0.1:4566", "IOT_WEBSOCKET_SCHEME", "ws", "AWS_REGION", "eu-west-1"));

            assertThat(endpoint).isEqualTo(new IotEndpoint("ws", "127.0.0.1", 4566, "eu-west-1"));
            assertThat(endpoint.authority()).isEqualTo("127.0.0.1:4566");
        }

        @Test
        void missingHostSaysWhatToSet() {
            assertThatThrownBy(() -> IotEndpoint.fromEnvironment(Map.of("AWS_REGION", "us-east-1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AWS_IOT_HOST is not set")
                    .hasMessageContaining("describe-endpoint");
        }

        @Test
        void missingRegion() {
            assertThatThrownBy(() -> IotEndpoint.fromEnvironment(Map.of("AWS_IOT_HOST", "h")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AWS_REGION is not set");
        }

        @Test
        void unknownScheme() {
            assertThatThrownBy(() -> IotEndpoint.fromEnvironment(Map.of(
                    "AWS_IOT_HOST", "h", "AWS_REGION", "us-east-1", "IOT_WEBSOCKET_SCHEME", "https")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IOT_WEBSOCKET_SCHEME must be 'wss'")
                    .hasMessageContaining("'https'");
        }

        @ParameterizedTest
        @CsvSource({"https://h.example.com", "h.example.com/mqtt", "h:0", "h:99999", "h:port", ":4566"})
        void rejectsValuesThatAreNotHostOrHostAndPort(String value) {
            assertThatThrownBy(() -> IotEndpoint.parse("wss", value, "us-east-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AWS_IOT_HOST")
                    .hasMessageContaining(value);
        }
    }

    /** scheme, AWS_IOT_HOST, Host a browser sends, Host Paho 1.2.5 sends (see PahoHandshakeTest). */
    @ParameterizedTest
    @CsvSource({
            "wss, x.example.com,      x.example.com,      x.example.com:443",
            "wss, x.example.com:443,  x.example.com,      x.example.com:443",
            "wss, x.example.com:8443, x.example.com:8443, x.example.com:8443",
            "ws,  127.0.0.1:4566,     127.0.0.1:4566,     127.0.0.1:4566",
            "ws,  localhost,          localhost,          localhost",
            "ws,  localhost:80,       localhost,          localhost",
            "wss, x.example.com:80,   x.example.com:80,   x.example.com",
            "ws,  [::1]:4566,         [::1]:4566,         [::1]:4566",
    })
    void hostHeaders(String scheme, String iotHost, String browser, String paho) {
        IotEndpoint endpoint = IotEndpoint.parse(scheme, iotHost, "us-east-1");

        assertThat(endpoint.browserHostHeader()).isEqualTo(browser);
        assertThat(endpoint.pahoHostHeader()).isEqualTo(paho);
    }
}
