package dev.iotlocal.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void p50AndP99AreNearestRankOrderStatistics() {
        double[] samples = new double[200];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = samples.length - i; // 200 down to 1, unsorted on purpose
        }

        Stats stats = Stats.of(samples);

        assertThat(stats.n()).isEqualTo(200);
        assertThat(stats.p50()).isEqualTo(100);
        assertThat(stats.p99()).isEqualTo(198);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(200);
        assertThat(stats.mean()).isEqualTo(100.5);
    }

    @Test
    void withFewerThanAHundredSamplesP99IsTheMaximum() {
        assertThat(Stats.of(new double[] {3, 1, 2}).p99()).isEqualTo(3);
    }

    @Test
    void noSamplesGiveNoFigures() {
        Stats stats = Stats.of(new double[0]);

        assertThat(stats.n()).isZero();
        assertThat(stats.p50()).isNaN();
        assertThat(Report.fmt(stats.p50())).isEqualTo("n/a");
    }
}
