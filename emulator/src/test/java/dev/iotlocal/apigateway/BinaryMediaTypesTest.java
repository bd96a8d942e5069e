package dev.iotlocal.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryMediaTypesTest {

    @Test
    void matchesIgnoringCaseAndParameters() {
        BinaryMediaTypes types = BinaryMediaTypes.of(List.of("image/png", "application/octet-stream"));

        assertThat(types.matches("image/png")).isTrue();
        assertThat(types.matches("IMAGE/PNG; q=1")).isTrue();
        assertThat(types.matches("image/jpeg")).isFalse();
        assertThat(types.matches(null)).isFalse();
        assertThat(types.matches("garbage")).isFalse();
    }

    @Test
    void aStarStandsForAnyTypeOrSubtypeInTheApisListOnly() {
        assertThat(BinaryMediaTypes.of(List.of("image/*")).matches("image/webp")).isTrue();
        assertThat(BinaryMediaTypes.of(List.of("image/*")).matches("text/plain")).isFalse();
        assertThat(BinaryMediaTypes.of(List.of("*/*")).matches("text/plain")).isTrue();
        assertThat(BinaryMediaTypes.of(List.of("image/png")).matches("*/*")).isFalse();
    }

    @Test
    void onlyTheFirstAcceptedTypeCounts() {
        assertThat(BinaryMediaTypes.firstAccepted("image/png, */*;q=0.8")).isEqualTo("image/png");
        assertThat(BinaryMediaTypes.firstAccepted(null)).isNull();
    }

    @Test
    void refusesAnEntryThatIsNotAMediaType() {
        assertThatThrownBy(() -> BinaryMediaTypes.of(List.of("png"))).hasMessageContaining("'png'")
                .hasMessageContaining("type/subtype");
    }
}
