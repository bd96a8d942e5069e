package foobar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.PublishRequest;
import software.amazon.awssdk.services.iotdataplane.model.PublishResponse;

class PublishHandlerTest {

    /** Records publishes instead of calling AWS. */
    static final class RecordingClient implements IotDataPlaneClient {
        final List<PublishRequest> published = new ArrayList<>();

        @Override
        public PublishResponse publish(PublishRequest request) {
            published.add(request);
            return PublishResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    final RecordingClient iot = new RecordingClient();
    final FakeContext context = new FakeContext(10_000);

    @Test
    void publishesHelloOnTheResponseTopic() {
        String summary = new PublishHandler(iot).handleRequest(Map.of("channelId", "c1"), context);

        assertThat(iot.published).singleElement().satisfies(request -> {
            assertThat(request.topic()).isEqualTo("foobar/c1/response");
            assertThat(request.qos()).isEqualTo(1);
            assertThat(request.payload().asUtf8String()).isEqualTo("{\"message\":\"hello\"}");
        });
        assertThat(context.logLines).containsExactly(summary);
    }

    @Test
    void rejectsABadEventWithoutPublishing() {
        assertThatThrownBy(() -> new PublishHandler(iot).handleRequest(Map.of("channelId", "a/#"), context))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(iot.published).isEmpty();
    }

    @Test
    void endpointIsHttpsIotHostWhenNoEndpointUrlIsSet() {
        assertThat(PublishHandler.endpointOverride(Map.of("AWS_IOT_HOST", "abc-ats.iot.us-east-1.amazonaws.com")))
                .contains(URI.create("https://abc-ats.iot.us-east-1.amazonaws.com"));
    }

    @Test
    void leavesTheEndpointToTheSdkWhenAwsEndpointUrlIsSet() {
        assertThat(PublishHandler.endpointOverride(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_IOT_HOST", "127.0.0.1:4566"))).isEmpty();
        assertThat(PublishHandler.endpointOverride(Map.of(
                "AWS_ENDPOINT_URL_IOT_DATA_PLANE", "http://127.0.0.1:4566"))).isEmpty();
    }

    @Test
    void saysWhatToSetWhenNeitherIsThere() {
        assertThatThrownBy(() -> PublishHandler.endpointOverride(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_IOT_HOST is not set")
                .hasMessageContaining("AWS_ENDPOINT_URL");
    }
}
