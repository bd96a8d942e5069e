package dev.iotlocal.junit;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotationTest {

    @IotLocalTest(config = "src/test/resources/iotlocal/echo.yml", shared = true)
    @Nested
    class OneClass {
        @Test
        void injectsTheEmulator(IotLocal iot) throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(iot.apiUrl("/items/7")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("item 7");
            SharedEmulator.seen.add(iot);
            assertThat(SharedEmulator.seen).hasSize(1);
        }
    }

    @IotLocalTest(config = "src/test/resources/iotlocal/echo.yml", shared = true)
    @Nested
    class AnotherClass {
        @Test
        void sharesItWhenAskedTo(IotLocal iot) {
            SharedEmulator.seen.add(iot);
            assertThat(SharedEmulator.seen).hasSize(1);
        }
    }

    /** Both classes record the emulator they were given; whichever runs second sees a second one unless shared. */
    static final class SharedEmulator {
        static final java.util.Set<IotLocal> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }
}
