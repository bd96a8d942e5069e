package dev.iotlocal.broker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepAliveTest {

    @ParameterizedTest(name = "asked {0} s, applied {1} s")
    @CsvSource({"0, 1200", "1, 30", "29, 30", "30, 30", "31, 31", "600, 600", "1199, 1199", "1200, 1200", "1201, 1200",
            "65535, 1200"})
    void awsIotClampsTheKeepAliveTo30To1200Seconds(int asked, int applied) {
        assertThat(KeepAlive.AWS.effectiveSeconds(asked)).isEqualTo(applied);
    }

    @Test
    void aClientMayStaySilentForOneAndAHalfKeepAlives() {
        assertThat(KeepAlive.AWS.silenceAllowed(30)).isEqualTo(Duration.ofSeconds(45));
        assertThat(KeepAlive.AWS.silenceAllowed(1200)).isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void boundsMustBeOrdered() {
        assertThatThrownBy(() -> new KeepAlive(10, 5)).hasMessageContaining("minimum <= maximum");
    }
}
